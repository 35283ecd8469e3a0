import { useCallback, useRef, useState } from 'react';
import type { BrowserInputEvent } from '../../../shared/browser';
import { useClient } from '../../hooks/use-client';

/**
 * Sends the user's input to the page one event at a time, in order (a click must land before the keys
 * typed after it). The last failure is kept to show; a later success clears it.
 */
export function useInputQueue(sessionId: string): { send(event: BrowserInputEvent): void; error: unknown } {
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
  return { send, error };
}
