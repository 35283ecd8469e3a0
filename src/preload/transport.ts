import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { Transport } from '../shared/client';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ContractNames } from '../shared/ipc-channels';
import type { RpcResult } from '../shared/wire';

type Listener = (event: string, payload: unknown) => void;

/** What the page receives as `window.aura`: the transport, and one named function per procedure. */
export interface PreloadApi extends Transport {
  api: Record<string, (input?: unknown) => Promise<RpcResult>>;
}

/**
 * The `Transport` the page receives as `window.aura`, over the two contract channels only. It knows the
 * contract's names, not its schemas: main validates every call. Unknown procedures never leave the page;
 * events reach the page as (name, payload), never with the IpcRendererEvent (which would hand it `sender`,
 * i.e. ipcRenderer).
 */
export function createIpcTransport(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, names: ContractNames): PreloadApi {
  const procedures = new Set(names.procedures);
  const events = new Set(names.events);
  const listeners = new Set<Listener>();
  // One ipcRenderer listener for every page subscriber, attached while anyone listens.
  const forward = (_ipcEvent: IpcRendererEvent, event: unknown, payload: unknown): void => {
    if (typeof event !== 'string' || !events.has(event)) return;
    for (const listener of [...listeners]) {
      try {
        listener(event, payload);
      } catch {
        // One failing page listener must not starve the others.
      }
    }
  };

  const call = async (method: string, input: unknown): Promise<RpcResult> => {
    if (typeof method !== 'string' || !procedures.has(method)) {
      return { ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: `There is no procedure named "${String(method).slice(0, 100)}".` } };
    }
    try {
      return (await ipc.invoke(IPC_CALL_CHANNEL, method, input)) as RpcResult;
    } catch {
      // invoke rejects when the input cannot be cloned (functions, DOM nodes) or main is shutting down.
      return { ok: false, error: { code: 'BAD_REQUEST', message: `The call to ${method} could not be sent to the app.`, hint: 'Pass plain data only.' } };
    }
  };
  const subscribe = (listener: Listener): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function.');
    const wrapped: Listener = (event, payload) => listener(event, payload);
    if (listeners.size === 0) ipc.on(IPC_EVENT_CHANNEL, forward);
    listeners.add(wrapped);
    return () => {
      if (!listeners.delete(wrapped)) return;
      if (listeners.size === 0) ipc.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  };
  // `window.aura.api['tasks.list']({})`: the contract's procedures by name, each a call of that one.
  const api = Object.fromEntries([...procedures].map((name) => [name, (input?: unknown) => call(name, input ?? {})]));
  return { call, subscribe, api };
}
