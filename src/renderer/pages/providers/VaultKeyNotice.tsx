import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../../shared/vault';
import { settingsTabHref } from '../../navigation/route';

/**
 * Said before the user types a key, not after a failed submit: keys are sealed in the vault, so a missing or
 * locked vault is named here with the way to fix it. Nothing when the vault is open.
 */
export function VaultKeyNotice({ vault, context }: { vault: VaultStatus | undefined; context: 'add' | 'edit' }) {
  const { t } = useTranslation();
  if (!vault || (vault.initialised && vault.unlocked)) return null;
  const state = vault.initialised ? 'locked' : 'none';
  return (
    <div className="notice notice--info vault-key-notice" data-testid="account-vault-notice" data-state={state}>
      <div className="notice__body">
        <p className="notice__message">{t(`providers.accounts.vault.${state}`)}</p>
        <p>{t(`providers.accounts.vault.${context}Hint`)}</p>
        <p>
          <a href={settingsTabHref('vault')} data-testid="account-vault-link">
            {t(state === 'none' ? 'providers.accounts.vault.create' : 'providers.accounts.vault.unlock')}
          </a>
        </p>
      </div>
    </div>
  );
}
