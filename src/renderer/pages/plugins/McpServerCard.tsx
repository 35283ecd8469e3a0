import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpServerInfo } from '../../../shared/mcp';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';
import { McpPendingChanges } from './McpPendingChanges';
import { McpServerLists } from './McpServerLists';

type Action = 'restart' | 'enable' | 'disable' | 'remove';

/** A path inside a translated sentence keeps its own direction (Unicode first-strong isolate). */
const isolated = (text: string) => `\u2068${text}\u2069`;

/** One MCP server: how it runs and with what, its status, what waits for approval, its lists, its log, and its controls. */
export function McpServerCard({ server, onChanged }: { server: McpServerInfo; onChanged(): void }) {
  const { t } = useTranslation();
  const rpc = useClient();
  const [busy, setBusy] = useState<Action | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [log, setLog] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (action: Action) => {
    setBusy(action);
    setError(null);
    try {
      if (action === 'remove') await rpc.call('mcp.remove', { name: server.name });
      else await rpc.call(`mcp.${action}`, { name: server.name });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
      setConfirmRemove(false);
    }
  };

  const toggleLog = async () => {
    if (log) return setLog(null);
    try {
      setLog((await rpc.call('mcp.logs', { name: server.name })).lines);
    } catch (err) {
      setError(err);
    }
  };

  const grants =
    server.kind === 'http'
      ? [t('plugins.server.remote')]
      : [server.sandbox ? t('plugins.server.sandboxed') : t('plugins.server.unsandboxed'), server.network ? t('plugins.server.network') : t('plugins.server.noNetwork'), ...server.writable.map((dir) => t('plugins.server.writes', { dir: isolated(dir) })), ...server.readable.map((dir) => t('plugins.server.reads', { dir: isolated(dir) }))];

  return (
    <article className="mcp-server" data-testid="mcp-server" data-name={server.name} data-status={server.status}>
      <header className="mcp-server__header">
        <h3 className="mcp-server__name">
          <bdi>{server.name}</bdi>
        </h3>
        <span className={`mcp-status mcp-status--${server.status}`} data-testid="mcp-status">
          {t(`plugins.status.${server.status}`)}
        </span>
        {server.restarts > 0 && <span className="muted">{t('plugins.server.restarts', { count: server.restarts })}</span>}
      </header>
      <code className="mcp-server__command" dir="ltr" data-testid="mcp-command">
        {server.kind === 'http' ? server.url : (server.command ?? []).join(' ')}
      </code>
      <p className={server.kind === 'stdio' && !server.sandbox ? 'mcp-consent__warning' : 'muted'}>{grants.join(' · ')}</p>
      {(server.envNames.length > 0 || server.headerNames.length > 0) && <p className="muted">{t('plugins.server.secrets', { names: [...server.envNames, ...server.headerNames].join(', ') })}</p>}
      {server.error && (
        <p className="mcp-server__error" role="status" dir="auto" data-testid="mcp-error">
          {server.error}
        </p>
      )}
      {server.authUrl && (
        <div className="mcp-server__auth" data-testid="mcp-auth">
          <p>{t('plugins.server.signIn')}</p>
          <code dir="ltr" className="mcp-server__auth-url">
            {server.authUrl}
          </code>
          <Button size="sm" onClick={() => void navigator.clipboard?.writeText(server.authUrl ?? '')}>
            {t('plugins.server.copy')}
          </Button>
        </div>
      )}
      {server.pending.length > 0 && <McpPendingChanges server={server.name} pending={server.pending} onApproved={onChanged} />}
      <McpServerLists server={server} />
      <div className="button-row">
        {server.enabled ? (
          <>
            <Button size="sm" busy={busy === 'restart'} disabled={busy !== null} onClick={() => void run('restart')} data-testid="mcp-restart">
              {t('plugins.server.restart')}
            </Button>
            <Button size="sm" busy={busy === 'disable'} disabled={busy !== null} onClick={() => void run('disable')} data-testid="mcp-disable">
              {t('plugins.server.disable')}
            </Button>
          </>
        ) : (
          <Button size="sm" busy={busy === 'enable'} disabled={busy !== null} onClick={() => void run('enable')} data-testid="mcp-enable">
            {t('plugins.server.enable')}
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={() => void toggleLog()} aria-expanded={log !== null} data-testid="mcp-logs">
          {log ? t('plugins.server.hideLog') : t('plugins.server.showLog')}
        </Button>
        {confirmRemove ? (
          <span className="button-row" role="group" aria-label={t('plugins.server.confirmRemove', { name: server.name })}>
            <span>{t('plugins.server.confirmRemove', { name: server.name })}</span>
            <Button size="sm" variant="danger" busy={busy === 'remove'} disabled={busy !== null} onClick={() => void run('remove')} data-testid="mcp-remove-confirm">
              {t('plugins.server.remove')}
            </Button>
            <Button size="sm" onClick={() => setConfirmRemove(false)}>
              {t('plugins.server.keep')}
            </Button>
          </span>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => setConfirmRemove(true)} data-testid="mcp-remove">
            {t('plugins.server.remove')}
          </Button>
        )}
      </div>
      {log && (
        <pre className="mcp-server__log" dir="ltr" data-testid="mcp-log" tabIndex={0}>
          {log.length ? log.join('\n') : t('plugins.server.logEmpty')}
        </pre>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </article>
  );
}
