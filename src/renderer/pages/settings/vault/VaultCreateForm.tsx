import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { TextField } from '../../../components/TextField';
import { useClient } from '../../../hooks/use-client';
import { checkNewPassword, type PasswordProblem } from './password-check';
import { useVaultAction } from './use-vault-action';

/** Creates the vault. The password is never kept after the call, whatever its outcome. */
export function VaultCreateForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<PasswordProblem>(null);
  const { busy, error, run } = useVaultAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkNewPassword(password, confirmation);
    setProblem(found);
    if (found || busy) return;
    const ok = await run(() => client.call('vault.init', { password }));
    setPassword('');
    setConfirmation('');
    if (ok) onDone();
  };

  return (
    <form className="form-stack" onSubmit={submit} data-testid="vault-create">
      <p>{t('settingsVault.create.intro')}</p>
      <TextField label={t('settingsVault.password')} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} help={problem === 'tooShort' || problem === 'tooLong' ? t(`settingsVault.problems.${problem}`) : t('settingsVault.create.help')} aria-invalid={problem === 'tooShort' || problem === 'tooLong' || undefined} testId="vault-new-password" />
      <TextField label={t('settingsVault.confirm')} type="password" autoComplete="new-password" value={confirmation} onChange={(event) => setConfirmation(event.target.value)} help={problem === 'mismatch' ? t('settingsVault.problems.mismatch') : undefined} aria-invalid={problem === 'mismatch' || undefined} testId="vault-confirm-password" />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} disabled={busy} data-testid="vault-create-submit">
          {t('settingsVault.create.submit')}
        </Button>
      </div>
      {error !== null && <ErrorNotice error={error} testId="vault-error" />}
    </form>
  );
}
