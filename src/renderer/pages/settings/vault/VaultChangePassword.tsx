import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/Button';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { TextField } from '../../../components/TextField';
import { useClient } from '../../../hooks/use-client';
import { checkNewPassword, type PasswordProblem } from './password-check';
import { useVaultAction } from './use-vault-action';

/** Changes the password: the data key is re-wrapped, every secret stays. */
export function VaultChangePassword() {
  const { t } = useTranslation();
  const client = useClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<PasswordProblem>(null);
  const [changed, setChanged] = useState(false);
  const { busy, error, run } = useVaultAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkNewPassword(next, confirmation);
    setProblem(found);
    setChanged(false);
    if (found || busy || current === '') return;
    const ok = await run(() => client.call('vault.changePassword', { current, next }));
    setCurrent('');
    setNext('');
    setConfirmation('');
    setChanged(ok);
  };

  return (
    <form className="form-stack" onSubmit={submit} data-testid="vault-passwd">
      <TextField label={t('settingsVault.passwd.current')} type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} testId="vault-passwd-current" />
      <TextField label={t('settingsVault.passwd.next')} type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} help={problem === 'tooShort' || problem === 'tooLong' ? t(`settingsVault.problems.${problem}`) : t('settingsVault.passwd.help')} aria-invalid={problem === 'tooShort' || problem === 'tooLong' || undefined} testId="vault-passwd-next" />
      <TextField label={t('settingsVault.confirm')} type="password" autoComplete="new-password" value={confirmation} onChange={(event) => setConfirmation(event.target.value)} help={problem === 'mismatch' ? t('settingsVault.problems.mismatch') : undefined} aria-invalid={problem === 'mismatch' || undefined} testId="vault-passwd-confirm" />
      <div className="button-row">
        <Button type="submit" busy={busy} disabled={busy} data-testid="vault-passwd-submit">
          {t('settingsVault.passwd.submit')}
        </Button>
      </div>
      <p className="form-stack__status" role="status">
        {changed && t('settingsVault.passwd.done')}
      </p>
      {error !== null && <ErrorNotice error={error} testId="vault-error" />}
    </form>
  );
}
