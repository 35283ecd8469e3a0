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

/** A vault secret's value goes to the owner at a terminal only: the window never needs one (it shows names). */
export const mayReadSecretValues = (principal: Principal): boolean => principal.kind === 'owner' && principal.via !== 'ui';

/** The audit trail's actor for a principal: `ui`, `cli`, `system`, or `client:<name>`. */
export const actorOf = (principal: Principal): string => (principal.kind === 'owner' ? principal.via : `client:${principal.name}`);
