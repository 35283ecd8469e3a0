import type { AccountTestResult } from '../../../shared/provider-accounts';

/** What to tell the user after a failed test; the page shows `providers.accounts.test.advice.<kind>`. */
export type TestAdvice = 'key' | 'startServer' | 'address' | 'rateLimited' | 'other';

/**
 * Reads the (redacted) failure message for its cause. Providers word failures differently, so this matches
 * the common shapes: HTTP statuses, Node's network error codes and the usual phrases.
 */
export function testAdvice(result: AccountTestResult, local: boolean): TestAdvice | null {
  if (result.ok) return null;
  const message = result.message;
  if (/\b(401|403)\b|unauthori[sz]ed|forbidden|invalid.{0,20}(api.?)?key|incorrect api key|authentication|key was refused/i.test(message)) return 'key';
  if (/\b429\b|rate.?limit|quota/i.test(message)) return 'rateLimited';
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|fetch failed|timed? ?out|timeout|unreachable|could not (connect|reach)|no answer from|connection refused|redirects elsewhere|answered 404|\b404\b|not found/i.test(message)) return local ? 'startServer' : 'address';
  return 'other';
}
