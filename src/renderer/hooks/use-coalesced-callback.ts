import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Returns a stable function that runs `callback` once, `delayMs` after the first of a burst of calls.
 * A remove that writes two audit entries, or a script adding fifty, then costs one refetch, not fifty.
 */
export function useCoalescedCallback(callback: () => void, delayMs: number): () => void {
  const latest = useRef(callback);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    const pending = timer;
    return () => clearTimeout(pending.current);
  }, []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, delayMs);
  }, [delayMs]);
}
