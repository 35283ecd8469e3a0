import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpPendingChange } from '../../../shared/mcp';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';

/** One line of a unified diff, with what it is for the styles: added, removed, a hunk header, or context. */
const lineKind = (line: string) => (line.startsWith('@@') || line.startsWith('+++') || line.startsWith('---') ? 'hunk' : line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'context');

/**
 * New and changed tool definitions of a server, held until approved: each as a diff of the definition the
 * user approved and the one the server lists now (the server's words, shown as text). Approving sends the
 * hashes of exactly what is shown, so a definition that changed again meanwhile is not approved unseen.
 */
export function McpPendingChanges({ server, pending, onApproved }: { server: string; pending: readonly McpPendingChange[]; onApproved(): void }) {
  const { t } = useTranslation();
  const rpc = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      await rpc.call('mcp.approve', { name: server, hashes: pending.map((change) => change.hash) });
      onApproved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="mcp-pending" aria-label={t('plugins.pending.title')} data-testid="mcp-pending">
      <h4 className="mcp-pending__title">{t('plugins.pending.title', { count: pending.length })}</h4>
      <p className="muted">{t('plugins.pending.explain')}</p>
      {pending.map((change) => (
        <figure key={change.hash} className="mcp-diff" data-testid="mcp-diff" data-tool={change.tool}>
          <figcaption className="mcp-diff__caption">
            <code>{change.tool}</code> <span className="tag tag--danger">{t(`plugins.pending.kinds.${change.kind}`)}</span>
          </figcaption>
          <pre className="mcp-diff__body" dir="ltr">
            {change.diff.split('\n').map((line, index) => (
              <span key={index} className={`mcp-diff__line mcp-diff__line--${lineKind(line)}`}>
                {line}
                {'\n'}
              </span>
            ))}
          </pre>
        </figure>
      ))}
      <div className="button-row">
        <Button variant="primary" busy={busy} disabled={busy} onClick={() => void approve()} data-testid="mcp-approve">
          {t('plugins.pending.approve', { count: pending.length })}
        </Button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}
