import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrowserSession } from '../../shared/browser';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { Select } from '../components/Select';
import { useClient } from '../hooks/use-client';
import { taskHref } from '../navigation/route';
import { BrowserActionLog } from './browser/BrowserActionLog';
import { BrowserLiveView } from './browser/BrowserLiveView';
import { useBrowserSessions } from './browser/use-browser-sessions';
import { useInputQueue } from './browser/use-input-queue';

type Control = 'takeOver' | 'handBack' | 'stop';

/**
 * The agent's browser: each task's session live, with its action log. The user can take the page over
 * (the agent's actions wait until they hand it back) or stop it (the agent's browser actions are cancelled
 * and refused until they let it continue).
 */
export function BrowserPage() {
  const { t } = useTranslation();
  const client = useClient();
  const sessions = useBrowserSessions();
  const [chosen, setChosen] = useState<string | null>(null);
  const [pending, setPending] = useState<Control | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const list = sessions.data ?? [];
  const current: BrowserSession | null = list.find((session) => session.id === chosen) ?? list.find((session) => session.open) ?? list[0] ?? null;
  const input = useInputQueue(current?.id ?? '');

  const control = async (which: Control, session: BrowserSession) => {
    setPending(which);
    setFailure(null);
    try {
      // What the user typed before handing back reaches the page before the agent's next action does.
      if (which === 'handBack') await input.flush();
      const changed = await client.call(`browser.${which}`, { sessionId: session.id });
      sessions.update((known) => known?.map((item) => (item.id === changed.id ? changed : item)));
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(null);
    }
  };

  let actions = null;
  if (current) {
    const button = (which: Control, label: string, variant: 'primary' | 'secondary' | 'danger', disabled = false) => (
      <Button variant={variant} onClick={() => void control(which, current)} busy={pending === which} disabled={pending !== null || disabled} data-testid={`browser-${which}`}>
        {label}
      </Button>
    );
    actions = (
      <div className="button-row">
        {current.mode === 'agent' && button('takeOver', t('browser.takeOver'), 'primary', !current.open)}
        {current.mode === 'user' && button('handBack', t('browser.handBack'), 'primary')}
        {current.mode === 'stopped' && button('handBack', t('browser.continue'), 'secondary')}
        {current.mode !== 'stopped' && button('stop', t('browser.stop'), 'danger')}
      </div>
    );
  }

  let body;
  if (sessions.error !== null && !sessions.data) body = <ErrorNotice error={sessions.error} onRetry={sessions.reload} />;
  else if (!sessions.data) body = <LoadingState />;
  else if (!current) body = <EmptyState testId="browser-empty">{t('browser.empty')}</EmptyState>;
  else {
    body = (
      <div className="browser-page">
        <Panel
          title={current.title || t('browser.untitled')}
          description={t(`browser.mode.${current.mode}`)}
          className="browser-page__live"
          actions={
            current.taskId && (
              <a className="text-link" href={taskHref(current.taskId)}>
                {t('browser.task')}
              </a>
            )
          }
        >
          {/* A new view per session: each has its own frames and input queue. */}
          <BrowserLiveView key={current.id} session={current} input={input} />
        </Panel>
        <Panel title={t('browser.log.title')} description={t('browser.log.description')} className="browser-page__log">
          <BrowserActionLog key={current.id} sessionId={current.id} />
        </Panel>
      </div>
    );
  }

  return (
    <div className="page page--browser" data-testid="browser-page" data-mode={current?.mode ?? 'none'} data-busy={current?.busy ?? false}>
      <PageHeader title={t('browser.title')} subtitle={t('browser.subtitle')} actions={actions} />
      {list.length > 1 && (
        <div className="browser-toolbar">
          <Select label={t('browser.session')} value={current?.id ?? ''} onChange={(event) => setChosen(event.target.value)} testId="browser-session">
            {list.map((session) => (
              <option key={session.id} value={session.id}>
                {session.label}
                {session.open ? '' : ` (${t('browser.closedShort')})`}
              </option>
            ))}
          </Select>
        </div>
      )}
      {failure !== null && <ErrorNotice error={failure} />}
      {body}
    </div>
  );
}
