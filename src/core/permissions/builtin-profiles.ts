import type { BuiltinProfileId, PermissionProfileDoc } from '../../shared/permissions';
import { BUILTIN_PROFILE_IDS } from '../../shared/permissions';

const builtin = (id: BuiltinProfileId, name: string, risks: PermissionProfileDoc['risks']): PermissionProfileDoc => Object.freeze({ id, name, builtin: true, risks: Object.freeze(risks), tools: [], paths: [] });

/**
 * The four profiles every install has, under the ids tasks and settings held before profiles had names.
 * They are code, not rows, so no edit can weaken them; users copy one to change it.
 */
export const BUILTIN_PROFILES: readonly PermissionProfileDoc[] = Object.freeze([
  builtin('read-only', 'Read-only', { read: 'allow', write: 'deny', execute: 'deny', network: 'deny' }),
  builtin('ask', 'Ask every time', { read: 'allow', write: 'ask', execute: 'ask', network: 'ask' }),
  builtin('auto-edit', 'Workspace auto', { read: 'allow', write: 'allow', execute: 'ask', network: 'ask' }),
  builtin('yes', 'Full access', { read: 'allow', write: 'allow', execute: 'allow', network: 'allow' }),
]);

/** The profile new tasks fall back to when theirs is gone. */
export const FALLBACK_PROFILE_ID: BuiltinProfileId = 'ask';

export function isBuiltinProfileId(id: string): id is BuiltinProfileId {
  return (BUILTIN_PROFILE_IDS as readonly string[]).includes(id);
}

/** A built-in profile by its id. */
export function builtinProfile(id: BuiltinProfileId): PermissionProfileDoc {
  return BUILTIN_PROFILES.find((profile) => profile.id === id) as PermissionProfileDoc;
}
