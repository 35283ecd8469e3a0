import type { z } from 'zod';
import { AuraError, describeIssues, type ErrorShape } from '../shared/errors';
import { HostToWorker, type WorkerMethods, type WorkerToHost } from '../shared/worker-protocol';

/** What a method's handler gets besides its params: a signal the host's cancel aborts, and a way to report progress. */
export interface CallContext<Progress> {
  signal: AbortSignal;
  progress(data: Progress): void;
}

/** One handler per method of the table, typed by its schemas. */
export type WorkerHandlers<M extends WorkerMethods> = {
  [K in keyof M]: (
    params: z.output<M[K]['params']>,
    context: CallContext<M[K]['progress'] extends z.ZodType ? z.input<M[K]['progress']> : never>,
  ) => Promise<z.input<M[K]['result']>>;
};

/** The channel to the host: Electron's parentPort in a utilityProcess, the IPC channel under child_process.fork. */
export interface HostPort {
  send(message: WorkerToHost): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** This process's channel to the host that started it. */
export function processPort(): HostPort {
  const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return { send: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)) };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('This file is a worker: the app starts it with an IPC channel.');
  // The host is gone (it exited, or was killed with -9): nobody is left to answer, so the worker goes too.
  process.on('disconnect', () => process.exit(0));
  return { send: (message) => void send(message), onMessage: (listener) => process.on('message', listener) };
}

/**
 * Serves a worker's methods: every message from the host is validated with the protocol and the method's
 * params schema, dispatched to its handler, and answered with progress and one response. A cancel aborts
 * the handler's signal; a ping is answered at once, so a worker whose event loop is blocked is seen as hung.
 * Sends `ready` once it listens.
 */
export function serveWorker<M extends WorkerMethods>(methods: M, handlers: WorkerHandlers<M>, port: HostPort = processPort()): void {
  const running = new Map<number, AbortController>();
  const send = (message: WorkerToHost) => {
    try {
      port.send(message);
    } catch (err) {
      // A result that cannot be cloned: the call still gets an answer.
      if (message.kind !== 'response' || !message.ok) throw err;
      port.send({ kind: 'response', id: message.id, ok: false, error: { code: 'INTERNAL', message: `The worker's answer could not be sent: ${errorMessage(err)}` } });
    }
  };

  const run = async (id: number, name: string, raw: unknown) => {
    const method = Object.hasOwn(methods, name) ? methods[name] : undefined;
    if (!method) return send({ kind: 'response', id, ok: false, error: { code: 'UNKNOWN_PROCEDURE', message: `This worker has no method ${name}.` } });
    const params = method.params.safeParse(raw);
    if (!params.success) return send({ kind: 'response', id, ok: false, error: { code: 'INVALID_INPUT', message: `${name}: ${describeIssues(params.error)}` } });
    if (running.has(id)) return send({ kind: 'response', id, ok: false, error: { code: 'INVALID_INPUT', message: `Call ${id} is already running.` } });
    const controller = new AbortController();
    running.set(id, controller);
    const { signal } = controller;
    try {
      // The table and the handlers are typed together by serveWorker's signature; here the method is known by name only.
      const handler = handlers[name as keyof M] as (params: unknown, context: CallContext<unknown>) => Promise<unknown>;
      const progress = (data: unknown) => {
        if (!signal.aborted) send({ kind: 'progress', id, data });
      };
      const result = await handler(params.data, { signal, progress });
      send({ kind: 'response', id, ok: true, result });
    } catch (err) {
      send({ kind: 'response', id, ok: false, error: toErrorShape(err, signal) });
    } finally {
      running.delete(id);
    }
  };

  port.onMessage((raw) => {
    const parsed = HostToWorker.safeParse(raw);
    if (!parsed.success) {
      // Nothing to answer to without an id; the host's own checks make this a bug worth a line in the log.
      process.stderr.write(`worker: dropped a message outside the protocol: ${describeIssues(parsed.error)}\n`);
      return;
    }
    const message = parsed.data;
    if (message.kind === 'ping') send({ kind: 'pong', id: message.id });
    else if (message.kind === 'cancel') running.get(message.id)?.abort(new AuraError('CANCELLED', 'The call was cancelled.'));
    else void run(message.id, message.method, message.params);
  });
  send({ kind: 'ready', pid: process.pid });
}

/** A failure as the protocol carries it: an AuraError as it is, a cancel as CANCELLED, anything else as INTERNAL with its message. */
function toErrorShape(err: unknown, signal: AbortSignal): ErrorShape {
  if (err instanceof AuraError) return err.toShape();
  if (signal.aborted) return { code: 'CANCELLED', message: 'The call was cancelled.' };
  // The stack goes to stderr, which the host writes to its log; the message goes back with the call.
  process.stderr.write(`worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return { code: 'INTERNAL', message: errorMessage(err) };
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
