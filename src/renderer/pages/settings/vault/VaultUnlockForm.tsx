import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../../shared/vault';
import { Button } from '../../../components/Button';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { TextField } from '../../../components/TextField';
import { useClient } from '../../../hooks/use-client';
import { useVaultAction } from './use-vault-action';

/** Unlocks with the password, or with this device's keychain when the vault is remembered here. */
export function VaultUnlockForm({ status, onDone }: { status: VaultStatus; onDone(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useVaultAction();
  const withDevice = status.device.remembered && status.device.state === 'available';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || password === '') return;
    const ok = await run(() => client.call('vault.unlock', { password }));
    setPassword('');
    if (ok) onDone();
  };
  const unlockWithDevice = async () => {
    if (await run(() => client.call('vault.unlockDevice', {}))) onDone();
  };

  return (
    <form className="form-stack" onSubmit={submit} data-testid="vault-unlock">
      <TextField label={t('settingsVault.password')} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} testId="vault-password" />
      {status.retryAfterSeconds > 0 && (
        <p className="field__help" role="status">
          {t('settingsVault.unlock.wait', { count: status.retryAfterSeconds })}
        </p>
      )}
      <div className="button-row">
        <Button type="submit" variant="primary" busy={busy} disabled={busy || password === ''} data-testid="vault-unlock-submit">
          {t('settingsVault.unlock.submit')}
        </Button>
        {withDevice && (
          <Button onClick={() => void unlockWithDevice()} disabled={busy} data-testid="vault-unlock-device">
            {t('settingsVault.unlock.device')}
          </Button>
        )}
      </div>
      {error !== null && <ErrorNotice error={error} testId="vault-error" />}
    </form>
  );
}
