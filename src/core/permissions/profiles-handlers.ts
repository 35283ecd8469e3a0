import type { Handlers } from '../rpc/dispatcher';
import type { ProfileStore } from './profile-store';

/** The permission profiles' procedures (src/shared/permissions.ts) onto the profile store. */
export function profilesHandlers(profiles: ProfileStore): Pick<Handlers, 'profiles.list' | 'profiles.show' | 'profiles.use' | 'profiles.copy' | 'profiles.save' | 'profiles.remove'> {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.show': ({ profile }) => profiles.resolve(profile),
    'profiles.use': ({ profile }, ctx) => profiles.use(profile, ctx.actor),
    'profiles.copy': ({ profile, name }, ctx) => profiles.copy(profile, name, ctx.actor),
    'profiles.save': ({ id, draft }, ctx) => profiles.save(id, draft, ctx.actor),
    'profiles.remove': ({ profile }, ctx) => profiles.remove(profile, ctx.actor),
  };
}
