import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { useClient } from '../hooks/use-client';
import { useProcedure } from '../hooks/use-procedure';
import { settingsTabHref } from '../navigation/route';
import { ActionLog } from './computer/ActionLog';
import { LiveScreen } from './computer/LiveScreen';
import { useActionLog } from './computer/use-action-log';

type Stopping = { state: 'idle' } | { state: 'busy' } | { state: 'done'; tasks: number; actions: number } | { state: 'failed'; error: unknown };

/** Computer use: the screen the agent sees and drives, live; every action it took, with its screenshot; and Stop. */
export function ComputerUsePage() {
  const { t } = useTranslation();
  const client = useClient();
  const status = useProcedure('computer.status', {});
  const log = useActionLog();
  const [stopping, setStopping] = useState<Stopping>({ state: 'idle' });
  const running = (log.data ?? []).some((entry) => entry.status === 'running');

  const stop = async () => {
    setStopping({ state: 'busy' });
    try {
      setStopping({ state: 'done', ...(await client.call('computer.stop', {})) });
    } catch (error) {
      setStopping({ state: 'failed', error });
    }
  };

  let screen;
  if (status.error !== null && !status.data) screen = <ErrorNotice error={status.error} onRetry={status.reload} />;
  else if (!status.data) screen = <LoadingState />;
  else if (!status.data.available) {
    screen = (
      <div className="notice notice--info" role="status" data-testid="computer-unavailable">
        <div className="notice__body">
          <p className="notice__message">{t('computer.unavailable')}</p>
          {status.data.reason && (
            <p className="notice__hint" dir="auto">
              {status.data.reason}
            </p>
          )}
          {status.data.fix && <pre className="code-box">{status.data.fix}</pre>}
          <div className="button-row">
            <Button size="sm" onClick={status.reload}>
              {t('computer.checkAgain')}
            </Button>
            <a className="text-link" href={settingsTabHref('readiness')}>
              {t('computer.seeReadiness')}
            </a>
          </div>
        </div>
      </div>
    );
  } else screen = <LiveScreen enabled />;

  return (
    <div className="page page--computer-use">
      <PageHeader
        title={t('computer.title')}
        subtitle={t('computer.subtitle')}
        actions={
          <Button variant="danger" onClick={() => void stop()} busy={stopping.state === 'busy'} disabled={stopping.state === 'busy'} data-testid="computer-stop" data-running={running}>
            {t('computer.stop')}
          </Button>
        }
      />
      {stopping.state === 'done' && (
        <p className="computer-stopped" role="status" data-testid="computer-stopped">
          {t('computer.stopped', { tasks: stopping.tasks, actions: stopping.actions })}
        </p>
      )}
      {stopping.state === 'failed' && <ErrorNotice error={stopping.error} />}
      <div className="computer-use">
        <Panel
          title={t('computer.live.title')}
          description={status.data?.display ? t('computer.live.display', { display: status.data.display, width: status.data.width ?? '?', height: status.data.height ?? '?' }) : undefined}
          className="computer-use__screen"
        >
          {screen}
        </Panel>
        <Panel title={t('computer.log.title')} description={t('computer.log.description')} className="computer-use__log">
          <ActionLog entries={log.data} error={log.error} onRetry={log.reload} />
        </Panel>
      </div>
    </div>
  );
}
