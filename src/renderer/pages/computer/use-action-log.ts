import { useCallback } from 'react';
import type { ComputerActionEntry } from '../../../shared/computer';
import { useEvent } from '../../hooks/use-event';
import { useProcedure } from '../../hooks/use-procedure';

/** The log's length on the page, as on the host (COMPUTER_LIMITS.actionLog). */
const KEPT = 200;

/** The action log: read once (and after a reconnect), then kept current by `computer.action` events. */
export function useActionLog() {
  const log = useProcedure('computer.actions', {});
  const { update } = log;
  const onAction = useCallback(
    (entry: ComputerActionEntry) =>
      update((current) => {
        const list = current ?? [];
        const at = list.findIndex((known) => known.id === entry.id);
        if (at === -1) return [...list, entry].slice(-KEPT);
        const next = list.slice();
        next[at] = entry;
        return next;
      }),
    [update],
  );
  useEvent('computer.action', onAction);
  return log;
}
