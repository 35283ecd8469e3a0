import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Scope } from '../../../shared/auth';
import { ClientName } from '../../../shared/bridge';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useClient } from '../../hooks/use-client';
import { ScopeChoice } from '../extensions/ScopeChoice';

type Made = { name: string; token: string };
type Copy = 'idle' | 'copied' | 'failed';

/** Makes a bridge token for a script. The token is shown once, here, and never kept by the page after Done. */
export function ScriptTokenForm({ bridgeUrl }: { bridgeUrl: string | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['tasks:read']);
  const [invalid, setInvalid] = useState<'name' | 'scopes' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [copy, setCopy] = useState<Copy>('idle');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsedName = ClientName.safeParse(name);
    if (!parsedName.success) return setInvalid('name');
    if (scopes.length === 0) return setInvalid('scopes');
    setInvalid(null);
    setBusy(true);
    setError(null);
    try {
      const reply = await client.call('bridge.tokens.create', { name: parsedName.data, scopes });
      setMade({ name: reply.client.name, token: reply.token });
      setCopy('idle');
      setName('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const copyToken = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  if (made) {
    return (
      <div className="token-made" data-testid="token-made">
        <p className="notice__message" role="status">
          {t('settingsExtension.token.created', { name: made.name })}
        </p>
        <div className="token-made__value">
          <input className="input input--mono" readOnly value={made.token} dir="ltr" aria-label={t('settingsExtension.token.created', { name: made.name })} onFocus={(event) => event.target.select()} data-testid="token-value" />
          <Button onClick={() => void copyToken(made.token)} data-testid="token-copy">
            {copy === 'copied' ? t('settingsExtension.token.copied') : t('settingsExtension.token.copy')}
          </Button>
        </div>
        {copy === 'failed' && <p className="field__help">{t('settingsExtension.token.copyFailed')}</p>}
        {bridgeUrl && (
          <>
            <p className="field__help">{t('settingsExtension.token.example')}</p>
            <pre className="token-made__example" dir="ltr">{`curl -H "Authorization: Bearer ${made.token}" ${bridgeUrl}/tasks`}</pre>
          </>
        )}
        <Button variant="primary" onClick={() => setMade(null)} data-testid="token-done">
          {t('settingsExtension.token.done')}
        </Button>
      </div>
    );
  }

  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={t('settingsExtension.token.name')}
        help={invalid === 'name' ? t('settingsExtension.token.missingName') : undefined}
        placeholder={t('settingsExtension.token.namePlaceholder')}
        value={name}
        maxLength={60}
        autoComplete="off"
        onChange={(event) => setName(event.target.value)}
        aria-invalid={invalid === 'name' || undefined}
        testId="token-name"
      />
      <ScopeChoice legend={t('settingsExtension.token.scopes')} offered={Scope.options} chosen={scopes} onChange={setScopes} disabled={busy} testId="token-scopes" />
      {invalid === 'scopes' && <p className="field__help">{t('settingsExtension.token.noScope')}</p>}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} disabled={busy} data-testid="token-create">
          {busy ? t('settingsExtension.token.creating') : t('settingsExtension.token.create')}
        </Button>
      </div>
      {error !== null && <ErrorNotice error={error} testId="token-error" />}
    </form>
  );
}
