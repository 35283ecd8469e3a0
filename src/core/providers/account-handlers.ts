import type { AuraApp } from '../app';
import type { Handlers } from '../rpc/dispatcher';
import { testAccountConnection } from './account-test';

type AccountProcedure = 'providers.accounts.list' | 'providers.accounts.add' | 'providers.accounts.update' | 'providers.accounts.test' | 'providers.accounts.remove' | 'providers.accounts.use';

/** The provider accounts' procedures (src/shared/provider-accounts.ts) onto the service. */
export function accountHandlers(app: Pick<AuraApp, 'providerAccounts'>): Pick<Handlers, AccountProcedure> {
  const accounts = app.providerAccounts;
  return {
    'providers.accounts.list': () => accounts.list(),
    'providers.accounts.add': (input, ctx) => accounts.add(input, ctx.actor),
    'providers.accounts.update': (input, ctx) => accounts.update(input, ctx.actor),
    'providers.accounts.test': ({ account }) => testAccountConnection(accounts.credentials(accounts.get(account).id)),
    'providers.accounts.remove': ({ account }, ctx) => ({ removed: accounts.remove(account, ctx.actor) }),
    'providers.accounts.use': (input, ctx) => accounts.use(input, ctx.actor),
  };
}
