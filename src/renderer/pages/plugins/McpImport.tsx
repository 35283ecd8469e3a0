import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpImportResult } from '../../../shared/mcp';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useClient } from '../../hooks/use-client';
import { parseServersFile, type ImportedServer } from '../../../shared/mcp-import';

/**
 * Pastes the `mcpServers` JSON of another client (Claude Desktop, Cursor, VS Code). Like adding one server,
 * importing is consent to run them: what each would run is shown first, and they start only once confirmed.
 */
export function McpImport({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const rpc = useClient();
  const [json, setJson] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<McpImportResult | null>(null);
  const [preview, setPreview] = useState<ImportedServer[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const review = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setError(null);
    try {
      setPreview(parseServersFile(json, undefined));
    } catch (err) {
      setPreview(null);
      setError(err);
    }
  };

  const submit = async () => {
    setPreview(null);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await rpc.call('mcp.import', { json }));
      setJson('');
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack" onSubmit={review} noValidate data-testid="mcp-import-form">
      <Field label={t('plugins.import.label')} help={t('plugins.import.help')}>
        {({ id, describedBy }) => <textarea id={id} className="input input--mono" rows={5} aria-describedby={describedBy} value={json} onChange={(event) => (setJson(event.target.value), setPreview(null))} dir="ltr" spellCheck={false} placeholder='{"mcpServers": {"NAME": {"command": "…", "args": ["…"]}}}' data-testid="mcp-import-json" />}
      </Field>
      {preview ? (
        <div className="mcp-consent" role="group" aria-label={t('plugins.add.consentTitle')} data-testid="mcp-import-preview">
          <p className="mcp-consent__title">{t('plugins.import.consent')}</p>
          <ul className="mcp-import__preview">
            {preview.map((item) => (
              <li key={item.name}>
                <bdi className="mcp-import__name">{item.name}</bdi>{' '}
                {'reason' in item ? (
                  <span className="muted">{t('plugins.import.willSkip', { reason: item.reason })}</span>
                ) : (
                  <code dir="ltr">{item.input.url ?? (item.input.command ?? []).join(' ')}</code>
                )}
              </li>
            ))}
          </ul>
          <div className="button-row">
            <Button variant="primary" busy={busy} disabled={busy || preview.every((item) => 'reason' in item)} onClick={() => void submit()} data-testid="mcp-import-confirm">
              {t('plugins.import.confirm')}
            </Button>
            <Button disabled={busy} onClick={() => setPreview(null)}>
              {t('plugins.add.back')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <Button type="submit" busy={busy} disabled={busy || !json.trim()} data-testid="mcp-import-submit">
            {t('plugins.import.submit')}
          </Button>
        </div>
      )}
      {result && (
        <ul className="mcp-import__result" role="status" data-testid="mcp-import-result">
          {result.added.map((server) => (
            <li key={server.name}>{t('plugins.import.added', { name: server.name })}</li>
          ))}
          {result.skipped.map((item) => (
            <li key={item.name} className="mcp-import__skipped">
              {t('plugins.import.skipped', { name: item.name, reason: item.reason })}
            </li>
          ))}
        </ul>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
