import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { useCoalescedCallback } from '../hooks/use-coalesced-callback';
import { useEvent } from '../hooks/use-event';
import { useProcedure } from '../hooks/use-procedure';
import { McpAddForm } from './plugins/McpAddForm';
import { McpImport } from './plugins/McpImport';
import { McpServerCard } from './plugins/McpServerCard';

const REFRESH_DELAY_MS = 150;

/** Plugins: for now the MCP servers the user added (docs/MCP.md), live on `mcp.changed`; adding and importing. */
export function PluginsPage() {
  const { t } = useTranslation();
  const servers = useProcedure('mcp.list', {});
  const refresh = useCoalescedCallback(servers.reload, REFRESH_DELAY_MS);
  // A server started, crashed, listed new tools; a change from the CLI: the page follows.
  useEvent('mcp.changed', refresh);

  return (
    <div className="page page--wide">
      <PageHeader title={t('plugins.title')} subtitle={t('plugins.subtitle')} />
      <div className="stack">
        <Panel title={t('plugins.servers.title')} description={t('plugins.servers.description')}>
          {servers.data ? (
            servers.data.length ? (
              <div className="mcp-servers" data-testid="mcp-servers">
                {servers.data.map((server) => (
                  <McpServerCard key={server.name} server={server} onChanged={refresh} />
                ))}
              </div>
            ) : (
              <EmptyState testId="mcp-empty">{t('plugins.servers.empty')}</EmptyState>
            )
          ) : servers.error !== null ? (
            <ErrorNotice error={servers.error} onRetry={servers.reload} />
          ) : (
            <LoadingState />
          )}
        </Panel>
        <Panel title={t('plugins.add.title')} description={t('plugins.add.description')}>
          <McpAddForm onAdded={refresh} />
        </Panel>
        <Panel title={t('plugins.import.title')} description={t('plugins.import.description')}>
          <McpImport onImported={refresh} />
        </Panel>
      </div>
    </div>
  );
}
