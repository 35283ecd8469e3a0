import { createContext, useCallback, useContext } from 'react';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import type { VaultStatus } from '../../../shared/vault';
import { useEvent } from '../../hooks/use-event';
import { useProcedure, type ProcedureState } from '../../hooks/use-procedure';

/** The Providers page's shared data: the accounts, and the vault that holds their keys. */
export interface ProviderAccountsData {
  accounts: ProcedureState<ProviderAccount[]>;
  vault: ProcedureState<VaultStatus>;
}

export const ProviderAccountsContext = createContext<ProviderAccountsData | null>(null);

/**
 * Loads the accounts and the vault's state once for the page and keeps them current without polling: every
 * account change is audited (so `audit.appended` names it, from this window, another or the CLI), and the key
 * hints follow the vault, which announces its locks and unlocks with `vault.changed`.
 */
export function useProviderAccountsSource(): ProviderAccountsData {
  const accounts = useProcedure('providers.accounts.list', {});
  const vault = useProcedure('vault.status', {});
  const { reload: reloadAccounts } = accounts;
  const { reload: reloadVault } = vault;
  const onVault = useCallback(() => {
    reloadVault();
    reloadAccounts();
  }, [reloadVault, reloadAccounts]);
  useEvent('vault.changed', onVault);
  useEvent('audit.appended', (entry) => {
    if (entry.action.startsWith('providers.account.')) reloadAccounts();
  });
  return { accounts, vault };
}

/** The page's accounts and vault; only inside the Providers page. */
export function useProviderAccounts(): ProviderAccountsData {
  const value = useContext(ProviderAccountsContext);
  if (!value) throw new Error('useProviderAccounts() needs a <ProviderAccountsContext> above it.');
  return value;
}

/** The accounts a model route can name; empty where the page's data is not loaded (or not there). */
export function useAccountList(): ProviderAccount[] {
  return useContext(ProviderAccountsContext)?.accounts.data ?? [];
}

/** Whether a key can be sealed now. */
export const vaultOpen = (vault: VaultStatus | undefined): boolean => vault?.initialised === true && vault.unlocked;
