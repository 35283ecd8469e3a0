import type { TFunction } from 'i18next';
import { BUILTIN_PROFILE_IDS, type BuiltinProfileId, type PermissionProfileDoc } from '../../../../shared/permissions';

export const isBuiltinId = (id: string): id is BuiltinProfileId => (BUILTIN_PROFILE_IDS as readonly string[]).includes(id);

/** A profile's name as the user reads it: a built-in one's in the app's language, a custom one's as typed; the id when unknown. */
export function profileName(t: TFunction, id: string, profile: Pick<PermissionProfileDoc, 'name'> | undefined): string {
  if (isBuiltinId(id)) return t(`approvals.builtin.${id}.name`);
  return profile?.name ?? id;
}
