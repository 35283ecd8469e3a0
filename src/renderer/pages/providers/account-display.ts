import type { ProviderAccount } from '../../../shared/provider-accounts';
import { LOCAL_PRESETS, PRESET_BASE_URLS } from '../../../shared/provider-presets';

/** How the key shows: its masked hint, sealed but locked, sealed with no hint, or none at all. */
export type KeyShown = { kind: 'hint'; hint: string } | { kind: 'locked' } | { kind: 'sealed' } | { kind: 'none' };

export function keyShown(account: ProviderAccount): KeyShown {
  if (account.key.kind === 'none') return { kind: 'none' };
  if (account.key.locked) return { kind: 'locked' };
  return account.key.hint ? { kind: 'hint', hint: account.key.hint } : { kind: 'sealed' };
}

/** The address the account's calls go to; null: the provider's own API at its usual address. */
export const endpointOf = (account: ProviderAccount): string | null => account.baseUrl ?? (account.preset ? PRESET_BASE_URLS[account.preset] : null);

/** A server on this machine: a failed test means it is not running, not a bad address. */
export function isLocalAccount(account: ProviderAccount): boolean {
  if (account.preset && LOCAL_PRESETS.includes(account.preset) && account.baseUrl === null) return true;
  const endpoint = endpointOf(account);
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
