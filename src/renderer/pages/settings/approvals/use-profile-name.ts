import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../../../hooks/use-procedure';
import { profileName } from './profile-name';

/**
 * The name of the profile with this id, from `profiles.list`. An id the list does not hold yet (an "always
 * allow" answer just made a copy) loads the list again, once per id.
 */
export function useProfileName(id: string): string {
  const { t } = useTranslation();
  const list = useProcedure('profiles.list', {});
  const retried = useRef(new Set<string>());
  const profile = list.data?.profiles.find((candidate) => candidate.id === id);
  const { data, reload } = list;
  useEffect(() => {
    if (!data || profile || retried.current.has(id)) return;
    retried.current.add(id);
    reload();
  }, [data, profile, id, reload]);
  return profileName(t, id, profile);
}
