import type { EventName, EventPayload } from '../../shared/contract';
import { redactDeep } from '../secrets/secret-values';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Fans service events out to every host connection; a failing listener never breaks the others. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Nothing leaves the process with a secret in it, whichever service forgot to redact.
    payload = redactDeep(payload);
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // A broken socket or window must not stop delivery to the rest.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
