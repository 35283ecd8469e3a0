import { useCallback, useState } from 'react';
import type { SettingChange } from '../../../shared/settings';
import { useSettings } from '../../hooks/use-settings';

/** Saves one setting at a time through `settings.set`, with what is being saved and the last failure. */
export function useSaveSetting() {
  const { update } = useSettings();
  const [pending, setPending] = useState<SettingChange | null>(null);
  const [error, setError] = useState<unknown>(null);
  const save = useCallback(
    async (change: SettingChange): Promise<boolean> => {
      setPending(change);
      setError(null);
      try {
        await update(change);
        return true;
      } catch (err) {
        setError(err);
        return false;
      } finally {
        setPending((current) => (current === change ? null : current));
      }
    },
    [update],
  );
  return { save, pending, error };
}
