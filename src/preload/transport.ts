import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Transport } from '../shared/client';
import { isEventName, isProcedureName } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type RpcResult } from '../shared/wire';

type Listener = (event: string, payload: unknown) => void;

/**
 * The `Transport` the page receives as `window.aura`, over the two contract channels only.
 * Unknown procedures never leave the page; events reach the page as (name, payload), never with
 * the IpcRendererEvent (which would hand it `sender`, i.e. ipcRenderer).
 */
export function createIpcTransport(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): Transport {
  const listeners = new Set<Listener>();
  // One ipcRenderer listener for every page subscriber, attached while anyone listens.
  const forward = (_ipcEvent: IpcRendererEvent, event: unknown, payload: unknown): void => {
    if (!isEventName(event)) return;
    for (const listener of [...listeners]) {
      try {
        listener(event, payload);
      } catch {
        // One failing page listener must not starve the others.
      }
    }
  };

  return {
    async call(method: string, input: unknown): Promise<RpcResult> {
      if (!isProcedureName(method)) {
        return { ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: `There is no procedure named "${String(method).slice(0, 100)}".` } };
      }
      try {
        return (await ipc.invoke(IPC_CALL_CHANNEL, method, input)) as RpcResult;
      } catch {
        // invoke rejects when the input cannot be cloned (functions, DOM nodes) or main is shutting down.
        return { ok: false, error: { code: 'BAD_REQUEST', message: `The call to ${method} could not be sent to the app.`, hint: 'Pass plain data only.' } };
      }
    },
    subscribe(listener: Listener): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
      const wrapped: Listener = (event, payload) => listener(event, payload);
      if (listeners.size === 0) ipc.on(IPC_EVENT_CHANNEL, forward);
      listeners.add(wrapped);
      return () => {
        if (!listeners.delete(wrapped)) return;
        if (listeners.size === 0) ipc.removeListener(IPC_EVENT_CHANNEL, forward);
      };
    },
  };
}
