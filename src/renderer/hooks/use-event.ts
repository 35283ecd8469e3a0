import { useEffect, useLayoutEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../shared/contract';
import { useClient } from './use-client';

/** Listens to a pushed event for as long as the component is mounted; the listener may change freely. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const client = useClient();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event]);
}
