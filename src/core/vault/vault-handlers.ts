import { AuraError } from '../../shared/errors';
import { mayReadSecretValues } from '../auth/access';
import type { Handlers } from '../rpc/dispatcher';
import type { Vault } from './vault';

/** The vault's procedures (src/shared/vault.ts) onto the service. */
export function vaultHandlers(vault: Vault): Pick<Handlers, 'vault.status' | 'vault.init' | 'vault.unlock' | 'vault.lock' | 'vault.set' | 'vault.get' | 'vault.list' | 'vault.remove' | 'vault.changePassword' | 'vault.remember' | 'vault.unlockDevice'> {
  return {
    'vault.status': () => vault.status(),
    'vault.init': ({ password }, ctx) => vault.init(password, ctx.actor),
    'vault.unlock': ({ password }, ctx) => vault.unlock(password, ctx.actor),
    'vault.lock': (_input, ctx) => vault.lock(ctx.actor),
    'vault.set': ({ name, value }, ctx) => vault.set(name, value, ctx.actor),
    'vault.get': ({ name }, ctx) => {
      if (!mayReadSecretValues(ctx.principal)) throw new AuraError('FORBIDDEN', 'Secret values are shown on the terminal only.', 'Use `aura vault get NAME`.');
      ctx.revealSecrets();
      return { name, value: vault.get(name) };
    },
    'vault.list': () => vault.list(),
    'vault.remove': ({ name }, ctx) => ({ removed: vault.remove(name, ctx.actor) }),
    'vault.remember': ({ on }, ctx) => vault.remember(on, ctx.actor),
    'vault.unlockDevice': (_input, ctx) => vault.unlockWithDevice(ctx.actor),
    'vault.changePassword': ({ current, next }, ctx) => vault.changePassword(current, next, ctx.actor),
  };
}
