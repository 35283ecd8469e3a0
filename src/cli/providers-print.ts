import type { AccountTestResult, ProviderAccount } from '../shared/provider-accounts';
import type { ModelRoutes } from '../shared/providers';

// Types only: nothing here loads zod or the contract at run time.

type Printer = (result: never, out: (line: string) => void) => number | void;

const usd = (amount: number) => `$${amount.toFixed(2)}`;

/** A key as the user may see it: masked, or why it cannot be shown. */
function keyText(account: ProviderAccount): string {
  if (account.key.kind === 'none') return 'no key';
  if (account.key.locked) return 'key in the vault (locked)';
  return account.key.hint ? `key ${account.key.hint}` : 'key missing from the vault';
}

function accountLine(account: ProviderAccount): string {
  const endpoint = account.baseUrl ?? account.preset ?? 'official endpoint';
  const budget = account.monthlyBudgetUsd === null ? `${usd(account.spentThisMonthUsd)} this month` : `${usd(account.spentThisMonthUsd)} of ${usd(account.monthlyBudgetUsd)} this month`;
  return `${account.name.padEnd(20)} ${account.provider.padEnd(18)} ${endpoint.padEnd(32)} ${keyText(account).padEnd(26)} ${budget}`;
}

const routeText = (routes: ModelRoutes) =>
  (Object.entries(routes) as [string, ModelRoutes['planner']][]).map(([role, refs]) => `${role.padEnd(9)} ${refs.map((ref) => `${ref.provider}/${ref.model}`).join(' → ') || '(none)'}`).join('\n');

/** How provider accounts read on a terminal: keys masked, never more than the hint. */
export const PROVIDER_PRINTERS: Record<string, Printer> = {
  'providers.accounts.list': (accounts: ProviderAccount[], out) => out(accounts.length ? accounts.map(accountLine).join('\n') : 'No provider accounts yet. Add one: aura providers add NAME --provider openai'),
  'providers.accounts.add': (account: ProviderAccount, out) => out(`Added ${accountLine(account)}\nTest it: aura providers test ${account.name.includes(' ') ? JSON.stringify(account.name) : account.name}`),
  'providers.accounts.update': (account: ProviderAccount, out) => out(`Changed ${accountLine(account)}`),
  'providers.accounts.test': (result: AccountTestResult, out) => {
    out(`${result.ok ? 'OK' : 'FAILED'} in ${result.latencyMs} ms: ${result.message}`);
    if (result.models.length) out(result.models.slice(0, 50).join('\n') + (result.models.length > 50 ? `\n… and ${result.models.length - 50} more (--json lists them all)` : ''));
    return result.ok ? 0 : 1;
  },
  'providers.accounts.remove': ({ removed }: { removed: boolean }, out) => {
    out(removed ? 'Removed the account and its key.' : 'No account by that name.');
    return removed ? 0 : 1;
  },
  'providers.accounts.use': (routes: ModelRoutes, out) => out(routeText(routes)),
};
