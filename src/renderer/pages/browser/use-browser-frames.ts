import { useEffect, useRef, useState } from 'react';
import { BROWSER_LIMITS, type BrowserFrame } from '../../../shared/browser';
import { useClient, useReconnectCount } from '../../hooks/use-client';
import { useEvent } from '../../hooks/use-event';

/** The watch is renewed this often: well inside its lease, so one late renewal does not stop the frames. */
const RENEW_MS = BROWSER_LIMITS.watchLeaseMs / 3;

/**
 * The live frames of a session's page: watches it while mounted and `enabled` (renewing the watch, again
 * after a reconnect), lets it lapse while the window is hidden, unwatches on the way out. Frames arrive as
 * `browser.frame`; only the newest is shown, once per animation frame.
 */
export function useBrowserFrames(sessionId: string, enabled: boolean): { frame: BrowserFrame | null; error: unknown } {
  const client = useClient();
  const reconnects = useReconnectCount();
  const [frame, setFrame] = useState<BrowserFrame | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<BrowserFrame | null>(null);
  const scheduled = useRef<number | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const renew = () => {
      if (document.hidden) return;
      client.call('browser.watch', { sessionId }).then(
        () => !stopped && setError(null),
        (err: unknown) => !stopped && setError(err),
      );
    };
    renew();
    const timer = setInterval(renew, RENEW_MS);
    const onVisible = () => (document.hidden ? undefined : renew());
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      client.call('browser.unwatch', { sessionId }).catch(() => undefined);
    };
  }, [client, sessionId, enabled, reconnects]);

  useEffect(
    () => () => {
      if (scheduled.current !== null) cancelAnimationFrame(scheduled.current);
    },
    [],
  );

  useEvent('browser.frame', (next) => {
    if (next.sessionId !== sessionId) return;
    pending.current = next;
    scheduled.current ??= requestAnimationFrame(() => {
      scheduled.current = null;
      setFrame(pending.current);
    });
  });

  return { frame: frame?.sessionId === sessionId ? frame : null, error };
}
