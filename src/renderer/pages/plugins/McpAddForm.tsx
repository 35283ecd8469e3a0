import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { McpServerInfo } from '../../../shared/mcp';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { TextField } from '../../components/TextField';
import { useClient } from '../../hooks/use-client';
import { commandWords, lines } from './command-words';

type Kind = 'command' | 'url';

interface Draft {
  name: string;
  kind: Kind;
  command: string;
  url: string;
  env: string;
  headers: string;
  network: boolean;
  unsandboxed: boolean;
}

const EMPTY: Draft = { name: '', kind: 'command', command: '', url: '', env: '', headers: '', network: false, unsandboxed: false };

/**
 * Adds an MCP server. Adding is consent to run it, so the form first shows exactly what will run (the command
 * as words, in its sandbox or not, with or without network) and starts it only when the user confirms that.
 */
export function McpAddForm({ onAdded }: { onAdded(server: McpServerInfo): void }) {
  const { t } = useTranslation();
  const rpc = useClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [review, setReview] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setReview(null);
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!draft.name.trim()) return setProblem(t('plugins.add.needName'));
    if (draft.kind === 'url') {
      if (!draft.url.trim()) return setProblem(t('plugins.add.needUrl'));
      setProblem(null);
      return setReview([draft.url.trim()]);
    }
    const words = commandWords(draft.command);
    if (words === null) return setProblem(t('plugins.add.openQuote'));
    if (!words.length) return setProblem(t('plugins.add.needCommand'));
    setProblem(null);
    setReview(words);
  };

  const add = async () => {
    if (!review) return;
    setBusy(true);
    setError(null);
    try {
      const common = { name: draft.name.trim() };
      const server =
        draft.kind === 'url'
          ? await rpc.call('mcp.add', { ...common, url: review[0]!, header: lines(draft.headers) })
          : await rpc.call('mcp.add', { ...common, command: review, env: lines(draft.env), network: draft.network, sandbox: draft.unsandboxed ? 'off' : 'on' });
      setDraft(EMPTY);
      setReview(null);
      onAdded(server);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-stack mcp-add" onSubmit={check} noValidate data-testid="mcp-add-form">
      <TextField label={t('plugins.add.name')} help={t('plugins.add.nameHelp')} value={draft.name} onChange={(event) => set({ name: event.target.value })} maxLength={40} testId="mcp-add-name" />
      <fieldset className="mcp-add__kind">
        <legend className="field__label">{t('plugins.add.kind')}</legend>
        {(['command', 'url'] as const).map((kind) => (
          <label key={kind} className="mcp-add__choice">
            <input type="radio" name="mcp-kind" checked={draft.kind === kind} onChange={() => set({ kind })} data-testid={`mcp-add-kind-${kind}`} />
            <span>{t(`plugins.add.kinds.${kind}`)}</span>
          </label>
        ))}
      </fieldset>
      {draft.kind === 'command' ? (
        <>
          <TextField label={t('plugins.add.command')} help={t('plugins.add.commandHelp')} className="input input--mono" value={draft.command} onChange={(event) => set({ command: event.target.value })} dir="ltr" spellCheck={false} testId="mcp-add-command" />
          <Field label={t('plugins.add.env')} help={t('plugins.add.envHelp')}>
            {({ id, describedBy }) => <textarea id={id} className="input input--mono" rows={2} aria-describedby={describedBy} value={draft.env} onChange={(event) => set({ env: event.target.value })} dir="ltr" spellCheck={false} data-testid="mcp-add-env" />}
          </Field>
          <label className="switch-field">
            <input type="checkbox" checked={draft.network} onChange={(event) => set({ network: event.target.checked })} data-testid="mcp-add-network" />
            <span className="switch-field__text">
              <span className="switch-field__label">{t('plugins.add.network')}</span>
              <span className="field__help">{t('plugins.add.networkHelp')}</span>
            </span>
          </label>
          <label className="switch-field">
            <input type="checkbox" checked={draft.unsandboxed} onChange={(event) => set({ unsandboxed: event.target.checked })} data-testid="mcp-add-unsandboxed" />
            <span className="switch-field__text">
              <span className="switch-field__label">{t('plugins.add.unsandboxed')}</span>
              <span className="field__help">{t('plugins.add.unsandboxedHelp')}</span>
            </span>
          </label>
        </>
      ) : (
        <>
          <TextField label={t('plugins.add.url')} type="url" value={draft.url} onChange={(event) => set({ url: event.target.value })} dir="ltr" spellCheck={false} placeholder="https://" testId="mcp-add-url" />
          <Field label={t('plugins.add.headers')} help={t('plugins.add.headersHelp')}>
            {({ id, describedBy }) => <textarea id={id} className="input input--mono" rows={2} aria-describedby={describedBy} value={draft.headers} onChange={(event) => set({ headers: event.target.value })} dir="ltr" spellCheck={false} data-testid="mcp-add-headers" />}
          </Field>
        </>
      )}
      {problem && (
        <p className="mcp-add__problem" role="alert" data-testid="mcp-add-problem">
          {problem}
        </p>
      )}
      {review ? (
        <div className="mcp-consent" role="group" aria-label={t('plugins.add.consentTitle')} data-testid="mcp-consent">
          <p className="mcp-consent__title">{draft.kind === 'url' ? t('plugins.add.consentUrl') : t('plugins.add.consentCommand')}</p>
          <ol className="mcp-consent__words" dir="ltr">
            {review.map((word, index) => (
              <li key={index}>
                <code>{word}</code>
              </li>
            ))}
          </ol>
          {draft.kind === 'command' && <p className={draft.unsandboxed ? 'mcp-consent__warning' : 'muted'}>{draft.unsandboxed ? t('plugins.add.consentUnsandboxed') : t(draft.network ? 'plugins.add.consentSandboxNetwork' : 'plugins.add.consentSandbox')}</p>}
          <div className="button-row">
            <Button variant="primary" busy={busy} disabled={busy} onClick={() => void add()} data-testid="mcp-add-confirm">
              {t('plugins.add.confirm')}
            </Button>
            <Button disabled={busy} onClick={() => setReview(null)}>
              {t('plugins.add.back')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <Button type="submit" variant="primary" data-testid="mcp-add-review">
            {t('plugins.add.review')}
          </Button>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} testId="mcp-add-error" />}
    </form>
  );
}
