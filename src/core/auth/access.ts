import type { Access, Principal } from '../../shared/auth';

/** The one place that decides who may call what: the dispatcher asks it before every handler runs. */
export function mayCall(principal: Principal, access: Access): boolean {
  if (principal.kind === 'owner') return true;
  if (access === 'any') return true;
  if (access === 'owner') return false;
  return principal.scopes.includes(access);
}

/**
 * A bare folder path (not a workspace the user added) may name where a task runs only for the owner at a
 * terminal: the window and paired clients work in the workspaces the user added.
 */
export const mayUseAnyFolder = (principal: Principal): boolean => principal.kind === 'owner' && principal.via === 'cli';

/** Built-in profiles that ask before any command runs: what a paired client may start tasks under. */
const CLIENT_PROFILES: ReadonlySet<string> = new Set(['read-only', 'ask', 'auto-edit']);

/**
 * SECURITY: the profile a task may run under when this principal starts it. A paired client (`tasks:write`)
 * gets the user's active profile or a built-in one that still asks before commands: never Full access or a
 * custom profile the user did not make active, which would let it run commands nobody approves.
 */
export const mayStartUnder = (principal: Principal, profileId: string, activeId: string): boolean => principal.kind === 'owner' || profileId === activeId || CLIENT_PROFILES.has(profileId);

/** A vault secret's value goes to the owner at a terminal only: the window never needs one (it shows names). */
export const mayReadSecretValues = (principal: Principal): boolean => principal.kind === 'owner' && principal.via !== 'ui';

/** The audit trail's actor for a principal: `ui`, `cli`, `system`, or `client:<name>`. */
export const actorOf = (principal: Principal): string => (principal.kind === 'owner' ? principal.via : `client:${principal.name}`);
