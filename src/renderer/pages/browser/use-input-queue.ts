import { useCallback, useRef, useState } from 'react';
import type { BrowserInputEvent } from '../../../shared/browser';
import { useClient } from '../../hooks/use-client';

export interface InputQueue {
  send(event: BrowserInputEvent): void;
  /** Resolves once everything sent so far has reached the page (Hand back waits for it). */
  flush(): Promise<void>;
  error: unknown;
}

/**
 * Sends the user's input to the page one event at a time, in order (a click must land before the keys
 * typed after it). The last failure is kept to show; a later success clears it.
 */
export function useInputQueue(sessionId: string): InputQueue {
  const client = useClient();
  const chain = useRef<Promise<void>>(Promise.resolve());
  const [error, setError] = useState<unknown>(null);
  const send = useCallback(
    (event: BrowserInputEvent) => {
      chain.current = chain.current.then(() =>
        client.call('browser.input', { sessionId, event }).then(
          () => setError(null),
          (err: unknown) => setError(err),
        ),
      );
    },
    [client, sessionId],
  );
  const flush = useCallback(() => chain.current, []);
  return { send, flush, error };
}
