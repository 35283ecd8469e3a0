import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { AuraError } from '../shared/errors';
import type { WorkerMethods, WorkerToHost } from '../shared/worker-protocol';
import { serveWorker, type HostPort } from './worker-runtime';

const methods = {
  add: { params: z.object({ a: z.number(), b: z.number() }), result: z.number() },
  count: { params: z.object({ to: z.number() }), result: z.null(), progress: z.number() },
  fail: { params: z.object({ how: z.enum(['aura', 'plain']) }), result: z.null() },
} satisfies WorkerMethods;

/** The host's side of the port: what the worker sent, and a way to send it messages. */
function serve() {
  const sent: WorkerToHost[] = [];
  let deliver: (message: unknown) => void = () => undefined;
  const waiting: { id: number; resolve(message: WorkerToHost): void }[] = [];
  const port: HostPort = {
    send: (message) => {
      sent.push(message);
      if (message.kind === 'response' || message.kind === 'pong') waiting.filter((w) => w.id === message.id).forEach((w) => w.resolve(message));
    },
    onMessage: (listener) => {
      deliver = listener;
    },
  };
  let seenSignal: AbortSignal | undefined;
  serveWorker(
    methods,
    {
      add: async ({ a, b }) => a + b,
      count: ({ to }, { signal, progress }) => {
        seenSignal = signal;
        for (let i = 1; i <= to; i++) progress(i);
        // Runs until the host cancels it.
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
      fail: async ({ how }) => {
        throw how === 'aura' ? new AuraError('BAD_REQUEST', 'not like that', 'like this') : new Error('segfault ahead');
      },
    },
    port,
  );
  /** Sends a message and resolves with the answer of the same id. */
  const ask = (message: { kind: string; id: number } & Record<string, unknown>) =>
    new Promise<WorkerToHost>((resolve) => {
      waiting.push({ id: message.id, resolve });
      deliver(message);
    });
  return { sent, ask, deliver: (message: unknown) => deliver(message), signal: () => seenSignal };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('serveWorker', () => {
  it('says it is ready, with its pid, before anything else', () => {
    expect(serve().sent).toEqual([{ kind: 'ready', pid: process.pid }]);
  });

  it('answers a ping at once', async () => {
    await expect(serve().ask({ kind: 'ping', id: 7 })).resolves.toEqual({ kind: 'pong', id: 7 });
  });

  it('runs a method with its validated params and answers with its result', async () => {
    await expect(serve().ask({ kind: 'request', id: 1, method: 'add', params: { a: 2, b: 3 } })).resolves.toEqual({ kind: 'response', id: 1, ok: true, result: 5 });
  });

  it('refuses params outside the schema and methods it does not have', async () => {
    const { ask } = serve();
    await expect(ask({ kind: 'request', id: 1, method: 'add', params: { a: 'two' } })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('add: a:') } });
    await expect(ask({ kind: 'request', id: 2, method: 'toString', params: {} })).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
  });

  it('reports progress, and stops a call the host cancels', async () => {
    const worker = serve();
    const answer = worker.ask({ kind: 'request', id: 3, method: 'count', params: { to: 2 } });
    worker.deliver({ kind: 'cancel', id: 3 });
    await expect(answer).resolves.toEqual({ kind: 'response', id: 3, ok: false, error: { code: 'CANCELLED', message: 'The call was cancelled.' } });
    expect(worker.signal()?.aborted).toBe(true);
    expect(worker.sent.filter((m) => m.kind === 'progress')).toEqual([
      { kind: 'progress', id: 3, data: 1 },
      { kind: 'progress', id: 3, data: 2 },
    ]);
  });

  it('sends an AuraError as it is, and anything else as INTERNAL with its message (the stack to stderr, for the host’s log)', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { ask } = serve();
    await expect(ask({ kind: 'request', id: 1, method: 'fail', params: { how: 'aura' } })).resolves.toMatchObject({ error: { code: 'BAD_REQUEST', message: 'not like that', hint: 'like this' } });
    await expect(ask({ kind: 'request', id: 2, method: 'fail', params: { how: 'plain' } })).resolves.toMatchObject({ error: { code: 'INTERNAL', message: 'segfault ahead' } });
    expect(String(stderr.mock.calls[0]?.[0])).toContain('Error: segfault ahead');
  });

  it('drops a message outside the protocol, and goes on serving', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const worker = serve();
    worker.deliver({ kind: 'request', id: -1, method: 'add' });
    expect(String(stderr.mock.calls[0]?.[0])).toContain('dropped a message outside the protocol');
    await expect(worker.ask({ kind: 'request', id: 2, method: 'add', params: { a: 1, b: 1 } })).resolves.toMatchObject({ ok: true, result: 2 });
  });
});
