import { lazy, Suspense, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { Select } from '../components/Select';
import { useProcedure } from '../hooks/use-procedure';
import { useSettings } from '../hooks/use-settings';
import { useWorkspaces } from '../hooks/use-workspaces';
import { settingsTabHref } from '../navigation/route';

// xterm.js is a few hundred kB: loaded with this page, not with the app.
const TerminalScreen = lazy(() => import('./terminal/TerminalScreen'));

/** An interactive shell per workspace, in the same sandbox the agent's commands run in. */
export function TerminalPage() {
  const { t } = useTranslation();
  const workspaces = useWorkspaces();
  const { settings } = useSettings();
  const sandbox = useProcedure('vm.status', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const list = workspaces.data ?? [];
  const known = (id: string | null | undefined) => (id && list.some((workspace) => workspace.id === id) ? id : null);
  const workspaceId = known(chosen) ?? known(settings?.defaultWorkspace) ?? list[0]?.id ?? null;
  const network = settings?.vmNetwork ?? 'off';

  let body;
  if (workspaces.error !== null && !workspaces.data) body = <ErrorNotice error={workspaces.error} onRetry={workspaces.reload} />;
  else if (sandbox.error !== null && !sandbox.data) body = <ErrorNotice error={sandbox.error} onRetry={sandbox.reload} />;
  else if (!workspaces.data || !sandbox.data) body = <LoadingState />;
  else if (sandbox.data.sandbox === 'none') {
    // Fail closed: without a sandbox there is no terminal, and the page says why and where to look.
    body = (
      <div className="notice notice--info" role="status" data-testid="terminal-no-sandbox">
        <div className="notice__body">
          <p className="notice__message">{t('terminal.noSandbox')}</p>
          {sandbox.data.reason && (
            <p className="notice__hint" dir="auto">
              {sandbox.data.reason}
            </p>
          )}
          <a className="text-link" href={settingsTabHref('readiness')} data-testid="terminal-readiness-link">
            {t('terminal.seeReadiness')}
          </a>
        </div>
      </div>
    );
  } else if (workspaceId === null) body = <EmptyState testId="terminal-no-workspace">{t('terminal.noWorkspace')}</EmptyState>;
  else {
    body = (
      <Suspense fallback={<LoadingState />}>
        {/* A new screen per workspace: each has its own shell and scrollback. */}
        <TerminalScreen key={workspaceId} workspaceId={workspaceId} network={network} />
      </Suspense>
    );
  }

  return (
    <div className="page page--terminal">
      <PageHeader title={t('terminal.title')} subtitle={t('terminal.subtitle')} />
      <div className="terminal-toolbar">
        {list.length > 0 && (
          <Select label={t('terminal.workspace')} value={workspaceId ?? ''} onChange={(event) => setChosen(event.target.value)} testId="terminal-workspace">
            {list.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </Select>
        )}
        <p className="terminal-toolbar__note" data-testid="terminal-sandbox-note" data-network={network}>
          <Trans i18nKey={network === 'on' ? 'terminal.sandboxNoteNetworkOn' : 'terminal.sandboxNoteNetworkOff'} components={{ settings: <a className="text-link" href={settingsTabHref('vm')} /> }} />
        </p>
      </div>
      {body}
    </div>
  );
}
