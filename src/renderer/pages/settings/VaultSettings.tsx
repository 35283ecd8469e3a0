import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../shared/vault';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useClient } from '../../hooks/use-client';
import { useEvent } from '../../hooks/use-event';
import { useProcedure } from '../../hooks/use-procedure';
import { useSettings } from '../../hooks/use-settings';
import { useVaultAction } from './vault/use-vault-action';
import { VaultAutoLock } from './vault/VaultAutoLock';
import { VaultChangePassword } from './vault/VaultChangePassword';
import { VaultCreateForm } from './vault/VaultCreateForm';
import { VaultDeviceSetting } from './vault/VaultDeviceSetting';
import { VaultItems } from './vault/VaultItems';
import { VaultUnlockForm } from './vault/VaultUnlockForm';

/** Settings → Vault: create, unlock and lock it, change its password, auto-lock, this device, the secrets' names. */
export function VaultSettings() {
  const { t } = useTranslation();
  const status = useProcedure('vault.status', {});
  // Idle and sleep locks happen in the host: the event keeps the tab true without polling.
  useEvent('vault.changed', status.reload);

  if (!status.data) return status.error !== null ? <ErrorNotice error={status.error} onRetry={status.reload} testId="vault-error" /> : <LoadingState />;
  const vault = status.data;
  return (
    <div className="stack">
      <Panel title={t('settingsVault.title')} description={t('settingsVault.description')}>
        <VaultState status={vault} />
        {!vault.initialised ? <VaultCreateForm onDone={status.reload} /> : !vault.unlocked ? <VaultUnlockForm status={vault} onDone={status.reload} /> : <LockButton />}
      </Panel>
      {vault.initialised && (
        <Panel title={t('settingsVault.safety.title')} description={t('settingsVault.safety.description')}>
          <AutoLock />
          <VaultDeviceSetting status={vault} />
        </Panel>
      )}
      {vault.unlocked && (
        <>
          <Panel title={t('settingsVault.items.title')} description={t('settingsVault.items.description')}>
            <VaultItems />
          </Panel>
          <Panel title={t('settingsVault.passwd.title')} description={t('settingsVault.passwd.description')}>
            <VaultChangePassword />
          </Panel>
        </>
      )}
    </div>
  );
}

function VaultState({ status }: { status: VaultStatus }) {
  const { t } = useTranslation();
  const state = !status.initialised ? 'none' : status.unlocked ? 'unlocked' : 'locked';
  return (
    <p className="vault-state" role="status" data-testid="vault-state" data-state={state}>
      {t(`settingsVault.states.${state}`, { count: status.items ?? 0 })}
    </p>
  );
}

function LockButton() {
  const { t } = useTranslation();
  const client = useClient();
  const { busy, error, run } = useVaultAction();
  return (
    <div className="form-stack">
      <div className="button-row">
        <Button onClick={() => void run(() => client.call('vault.lock', {}))} busy={busy} disabled={busy} data-testid="vault-lock">
          {t('settingsVault.lock')}
        </Button>
      </div>
      {error !== null && <ErrorNotice error={error} testId="vault-error" />}
    </div>
  );
}

function AutoLock() {
  const { settings } = useSettings();
  return settings ? <VaultAutoLock key={settings.vaultAutoLockMinutes} minutes={settings.vaultAutoLockMinutes} /> : <LoadingState />;
}
