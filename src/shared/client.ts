import { AuraError } from './errors';
import { isEventName, type EventName, type EventPayload, type ProcedureInput, type ProcedureName, type ProcedureOutput } from './contract';
import type { RpcResult } from './wire';

/** What a client needs from a host: Electron IPC, a WebSocket, or an in-process dispatcher. */
export interface Transport {
  call(method: string, input: unknown): Promise<RpcResult>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/** The typed client every UI and test uses; one method per transport-independent call. */
export interface AuraClient {
  call<K extends ProcedureName>(method: K, input: ProcedureInput<K>): Promise<ProcedureOutput<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: Transport): AuraClient {
  return {
    async call(method, input) {
      const reply = await transport.call(method, input);
      if (!reply.ok) throw AuraError.from(reply.error);
      return reply.result as never;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event && isEventName(name)) listener(payload as never);
      });
    },
  };
}
