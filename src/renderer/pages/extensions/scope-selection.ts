import { Scope } from '../../../shared/auth';

/** The scopes chosen, always in the contract's order (so a request shows the same whatever was clicked first). */
export function toggleScope(chosen: readonly Scope[], scope: Scope, on: boolean): Scope[] {
  const next = new Set(chosen);
  if (on) next.add(scope);
  else next.delete(scope);
  return Scope.options.filter((option) => next.has(option));
}

/** The choices a pairing request offers: only what the client asked for (approving may narrow, never widen). */
export const offeredScopes = (requested: readonly Scope[]): Scope[] => Scope.options.filter((scope) => requested.includes(scope));
