import { useEffect, useState } from 'react';
import type { ProcedureOutput } from '../../../shared/contract';
import { useClient } from '../../hooks/use-client';

export type ScreenFrame = ProcedureOutput<'computer.screen'>;

/** How long after a frame the next is asked for; after a failure, longer. */
const FRAME_GAP_MS = 1000;
const RETRY_MS = 5000;

/**
 * The live screen: one `computer.screen` at a time, the next asked for a second after the last arrived
 * (the host shares frames between pages anyway), none while the window is hidden or `enabled` is false.
 */
export function useLiveScreen(enabled: boolean): { frame: ScreenFrame | null; error: unknown } {
  const client = useClient();
  const [frame, setFrame] = useState<ScreenFrame | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = (ms: number) => {
      if (!stopped) timer = setTimeout(() => void tick(), ms);
    };
    const tick = async () => {
      if (document.hidden) return next(FRAME_GAP_MS);
      try {
        const shown = await client.call('computer.screen', {});
        if (stopped) return;
        setFrame(shown);
        setError(null);
        next(FRAME_GAP_MS);
      } catch (err) {
        if (stopped) return;
        setError(err);
        next(RETRY_MS);
      }
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, enabled]);

  return { frame, error };
}
