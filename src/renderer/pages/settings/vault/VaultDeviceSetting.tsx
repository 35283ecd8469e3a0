import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../../shared/vault';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useClient } from '../../../hooks/use-client';
import { useVaultAction } from './use-vault-action';

/** "Remember on this device": a switch where the system keychain is safe to use, else why it is not offered. */
export function VaultDeviceSetting({ status }: { status: VaultStatus }) {
  const { t } = useTranslation();
  const client = useClient();
  const { busy, error, run } = useVaultAction();
  const available = status.device.state === 'available';
  return (
    <div className="form-stack">
      <label className="switch-field">
        <input
          type="checkbox"
          role="switch"
          checked={status.device.remembered}
          disabled={busy || (!available && !status.device.remembered)}
          onChange={(event) => void run(() => client.call('vault.remember', { on: event.target.checked }))}
          data-testid="vault-remember"
          data-state={status.device.state}
        />
        <span className="switch-field__text">
          <span className="switch-field__label">{t('settingsVault.device.label')}</span>
          <span className="field__help">{t(`settingsVault.device.states.${status.device.state}`)}</span>
        </span>
      </label>
      {error !== null && <ErrorNotice error={error} testId="vault-error" />}
    </div>
  );
}
