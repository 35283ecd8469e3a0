import { useCallback, useState } from 'react';
import type { AccountTestResult } from '../../../shared/provider-accounts';
import { useClient } from '../../hooks/use-client';

export type AccountTestState = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: AccountTestResult } | { state: 'failed'; error: unknown };

/** Tests an account's connection on demand (a user's action, never on load: it costs a request to the provider). */
export function useAccountTest(accountId: string): { test: AccountTestState; run(): Promise<void>; reset(): void } {
  const client = useClient();
  const [test, setTest] = useState<AccountTestState>({ state: 'idle' });
  const run = useCallback(async () => {
    setTest({ state: 'running' });
    try {
      setTest({ state: 'done', result: await client.call('providers.accounts.test', { account: accountId }) });
    } catch (error) {
      setTest({ state: 'failed', error });
    }
  }, [client, accountId]);
  // An edited account (a new key, another address) makes the last result stale.
  const reset = useCallback(() => setTest({ state: 'idle' }), []);
  return { test, run, reset };
}
