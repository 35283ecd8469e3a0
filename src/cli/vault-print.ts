import type { VaultItemInfo, VaultStatus } from '../shared/vault';

// Types only: nothing here loads zod or the contract at run time.

type Printer = (result: never, out: (line: string) => void) => number | void;

function statusLine(s: VaultStatus): string {
  if (!s.initialised) return 'No vault yet. Create one: aura vault init';
  const state = s.unlocked ? `unlocked, ${s.items ?? 0} secret${s.items === 1 ? '' : 's'}, locks after ${s.autoLockMinutes} idle minute${s.autoLockMinutes === 1 ? '' : 's'}` : 'locked';
  return `Vault: ${state}${s.retryAfterSeconds ? ` (next password try in ${s.retryAfterSeconds} s)` : ''}`;
}

/** How the vault's results read on a terminal. A secret's value is printed alone, for `$(aura vault get NAME)`. */
export const VAULT_PRINTERS: Record<string, Printer> = {
  'vault.status': (s: VaultStatus, out) => out(statusLine(s)),
  'vault.init': (s: VaultStatus, out) => out(`Vault created and unlocked. ${statusLine(s)}`),
  'vault.unlock': (s: VaultStatus, out) => out(statusLine(s)),
  'vault.lock': (s: VaultStatus, out) => out(statusLine(s)),
  'vault.changePassword': (s: VaultStatus, out) => out(`Password changed. ${statusLine(s)}`),
  'vault.set': (item: VaultItemInfo, out) => out(`Stored ${item.name}.`),
  'vault.get': ({ value }: { value: string }, out) => out(value),
  'vault.list': (items: VaultItemInfo[], out) => out(items.length ? items.map((item) => `${item.name.padEnd(32)} ${item.updatedAt}`).join('\n') : 'The vault holds no secrets yet. Add one: aura vault set NAME'),
  'vault.remove': ({ removed }: { removed: boolean }, out) => {
    out(removed ? 'Removed.' : 'No secret by that name.');
    return removed ? 0 : 1;
  },
};
