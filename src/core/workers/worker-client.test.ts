import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { AuraError } from '../../shared/errors';
import type { WorkerMethods } from '../../shared/worker-protocol';
import { silentLogger } from '../logging/logger';
import { WorkerClient, type WorkerClientOptions } from './worker-client';
import type { WorkerLauncher, WorkerProcess } from './worker-launcher';

// The client against scripted worker processes: what it sends, and what it makes of what comes back.
// test/integration/workers.test.ts runs real ones (kill -9, a blocked event loop, the environment).

const methods = {
  echo: { params: z.object({ text: z.string() }), result: z.object({ text: z.string() }) },
  count: { params: z.object({ to: z.number().int() }), result: z.number(), progress: z.number() },
} satisfies WorkerMethods;

type Request = { kind: 'request'; id: number; method: string; params: unknown };
type Answer = (worker: FakeWorker, request: Request) => void;

/** A worker process the test scripts: it answers pings unless hung, and requests as `answer` says. */
class FakeWorker implements WorkerProcess {
  readonly sent: unknown[] = [];
  readonly signals: string[] = [];
  hung = false;
  exited = false;
  private readonly listeners = { message: [] as ((message: unknown) => void)[], exit: [] as ((code: number | null, signal: string | null) => void)[] };

  constructor(
    readonly pid: number,
    private readonly answer: Answer,
  ) {}

  send(message: unknown): boolean {
    if (this.exited) return false;
    this.sent.push(message);
    const m = message as { kind: string; id: number };
    // Answers come as messages do: later, not inside send().
    setImmediate(() => {
      if (this.exited) return;
      if (m.kind === 'ping' && !this.hung) this.reply({ kind: 'pong', id: m.id });
      if (m.kind === 'request') this.answer(this, message as Request);
    });
    return true;
  }
  reply(message: unknown): void {
    for (const listener of this.listeners.message) listener(message);
  }
  exit(code: number | null, signal: string | null): void {
    if (this.exited) return;
    this.exited = true;
    for (const listener of this.listeners.exit) listener(code, signal);
  }
  requests(): Request[] {
    return this.sent.filter((m): m is Request => (m as { kind: string }).kind === 'request');
  }
  cancels(): number[] {
    return this.sent.flatMap((m) => ((m as { kind: string }).kind === 'cancel' ? [(m as { id: number }).id] : []));
  }
  onMessage(listener: (message: unknown) => void): void {
    this.listeners.message.push(listener);
  }
  onOutput(): void {}
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.listeners.exit.push(listener);
  }
  kill(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): void {
    this.signals.push(signal);
    setImmediate(() => this.exit(null, signal));
  }
}

const echo: Answer = (worker, request) => worker.reply({ kind: 'response', id: request.id, ok: true, result: request.params });
/** Never answers: the call stays in flight. */
const silent: Answer = () => undefined;

function harness(answer: Answer = echo, options: Partial<WorkerClientOptions> & { ready?: boolean } = {}) {
  const forks: FakeWorker[] = [];
  const launcher: WorkerLauncher = {
    fork: () => {
      const worker = new FakeWorker(1000 + forks.length, answer);
      forks.push(worker);
      if (options.ready !== false) setImmediate(() => worker.reply({ kind: 'ready', pid: worker.pid }));
      return worker;
    },
  };
  const sleeps: number[] = [];
  const client = new WorkerClient(methods, {
    name: 'test',
    entry: '/app/dist/workers/test.js',
    env: {},
    launcher,
    logger: silentLogger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, forks, sleeps };
}

/** Resolves once the worker has been sent a request. */
async function requested(forks: FakeWorker[]): Promise<FakeWorker> {
  for (;;) {
    const worker = forks.at(-1);
    if (worker && worker.requests().length > 0) return worker;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('WorkerClient', () => {
  it('starts the worker with the first call, not before, and sends requests once it is ready', async () => {
    const { client, forks } = harness();
    expect(forks).toHaveLength(0);
    expect(client.pid).toBeUndefined();
    await expect(client.call('echo', { text: 'hi' })).resolves.toEqual({ text: 'hi' });
    await expect(client.call('echo', { text: 'again' })).resolves.toEqual({ text: 'again' });
    expect(forks).toHaveLength(1);
    expect(client.pid).toBe(1000);
    expect(forks[0]!.requests().map((r) => r.params)).toEqual([{ text: 'hi' }, { text: 'again' }]);
    await client.dispose();
  });

  it('refuses params outside the method’s schema before anything is sent', async () => {
    const { client, forks } = harness();
    await expect(client.call('echo', { text: 42 } as unknown as { text: string })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('text') });
    expect(forks).toHaveLength(0);
  });

  it('fails a call answered outside its schema, and only that call: the worker keeps running', async () => {
    const { client, forks } = harness((worker, request) => {
      const text = (request.params as { text: string }).text;
      worker.reply({ kind: 'response', id: request.id, ok: true, result: text === 'bad' ? { text: 7 } : request.params });
    });
    await expect(client.call('echo', { text: 'bad' })).rejects.toMatchObject({ code: 'INVALID_OUTPUT', message: expect.stringMatching(/^The test worker answered echo with a result outside its schema \(text: /) });
    expect(forks[0]!.cancels()).toEqual([1]);
    await expect(client.call('echo', { text: 'good' })).resolves.toEqual({ text: 'good' });
    expect(forks).toHaveLength(1);
    expect(forks[0]!.signals).toEqual([]);
    await client.dispose();
  });

  it('fails a call whose progress is outside its schema, or whose answer is outside the protocol', async () => {
    const { client } = harness((worker, request) => {
      if (request.method === 'count') worker.reply({ kind: 'progress', id: request.id, data: 'one' });
      else worker.reply({ kind: 'response', id: request.id, ok: 'yes' });
    });
    await expect(client.call('count', { to: 2 })).rejects.toMatchObject({ code: 'INVALID_OUTPUT', message: expect.stringContaining('with progress outside its schema') });
    await expect(client.call('echo', { text: 'x' })).rejects.toMatchObject({ code: 'INVALID_OUTPUT', message: expect.stringContaining('outside the worker protocol') });
    await client.dispose();
  });

  it('hands progress to the caller in order, then the result', async () => {
    const { client } = harness((worker, request) => {
      const { to } = request.params as { to: number };
      for (let i = 1; i <= to; i++) worker.reply({ kind: 'progress', id: request.id, data: i });
      worker.reply({ kind: 'response', id: request.id, ok: true, result: to });
    });
    const seen: number[] = [];
    await expect(client.call('count', { to: 3 }, { onProgress: (n) => seen.push(n) })).resolves.toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    await client.dispose();
  });

  it('rejects with the worker’s own error, code and hint kept', async () => {
    const { client } = harness((worker, request) => worker.reply({ kind: 'response', id: request.id, ok: false, error: { code: 'BAD_REQUEST', message: 'nope', hint: 'do this' } }));
    const err = await client.call('echo', { text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuraError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', message: 'nope', hint: 'do this' });
    await client.dispose();
  });

  it('sends cancel and rejects with the reason when the caller aborts', async () => {
    const { client, forks } = harness(silent);
    const abort = new AbortController();
    const call = client.call('echo', { text: 'x' }, { signal: abort.signal });
    const worker = await requested(forks);
    abort.abort(new Error('user stopped it'));
    await expect(call).rejects.toThrow('user stopped it');
    expect(worker.cancels()).toEqual([worker.requests()[0]!.id]);
    await client.dispose();
  });

  it('sends nothing for a call aborted right after it was made, on a running worker', async () => {
    const { client, forks } = harness(silent);
    await client.start();
    const abort = new AbortController();
    const call = client.call('echo', { text: 'x' }, { signal: abort.signal });
    // Before the call's first await has resumed: the worker is found, but nothing is sent yet.
    abort.abort(new Error('stopped at once'));
    await expect(call).rejects.toThrow('stopped at once');
    expect(forks[0]!.requests()).toEqual([]);
    await client.dispose();
  });

  it('sends cancel and fails with TIMEOUT when the call takes longer than its limit', async () => {
    const { client, forks } = harness(silent);
    await expect(client.call('echo', { text: 'x' }, { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TIMEOUT', message: 'The test worker did not answer echo within 20 ms.' });
    expect(forks[0]!.cancels()).toHaveLength(1);
    await client.dispose();
  });

  it('fails every call in flight when the worker dies, saying what happened, and starts a new one with the next call', async () => {
    const { client, forks, sleeps } = harness((worker, request) => {
      if (request.method === 'count') return; // stays in flight
      echo(worker, request);
    });
    const calls = [client.call('count', { to: 1 }), client.call('count', { to: 2 })];
    const first = await requested(forks);
    first.exit(null, 'SIGKILL');
    for (const call of calls) {
      await expect(call).rejects.toMatchObject({ code: 'WORKER_CRASHED', message: 'The test worker was killed (SIGKILL). It starts again with the next call.', hint: expect.stringContaining('Try again') });
    }
    expect(client.pid).toBeUndefined();
    await expect(client.call('echo', { text: 'back' })).resolves.toEqual({ text: 'back' });
    expect(forks).toHaveLength(2);
    expect(client.pid).toBe(1001);
    expect(sleeps).toEqual([]);
    await client.dispose();
  });

  it('backs off longer after each crash in a row, up to the cap, says so, and starts afresh after a success', async () => {
    let crash = true;
    const { client, forks, sleeps } = harness(
      (worker, request) => {
        if (crash) worker.exit(3, null);
        else echo(worker, request);
      },
      { backoffMs: 1000, maxBackoffMs: 5000 },
    );
    const messages: string[] = [];
    for (let i = 0; i < 6; i++) messages.push(((await client.call('echo', { text: 'x' }).catch((e: unknown) => e)) as Error).message);
    expect(messages[0]).toBe('The test worker exited with code 3. It starts again with the next call.');
    expect(messages[1]).toBe('The test worker exited with code 3. It stopped 2 times in a row, so it starts again 1 s after the last stop, with the next call.');
    expect(messages[5]).toContain('It stopped 6 times in a row, so it starts again 5 s after the last stop');
    // No wait before the first restart; then 1, 2, 4 s, and the cap.
    expect(sleeps.map((ms) => Math.round(ms / 100) * 100)).toEqual([1000, 2000, 4000, 5000]);
    crash = false;
    await expect(client.call('echo', { text: 'ok' })).resolves.toEqual({ text: 'ok' });
    expect(forks).toHaveLength(7);
    crash = true;
    await expect(client.call('echo', { text: 'x' })).rejects.toMatchObject({ message: expect.stringContaining('It starts again with the next call.') });
    await client.dispose();
  });

  it('kills a worker that stops answering health checks, and fails its calls with the reason', async () => {
    const { client, forks } = harness(silent, { pingIntervalMs: 5, pingTimeoutMs: 30 });
    const call = client.call('echo', { text: 'x' });
    const worker = await requested(forks);
    worker.hung = true;
    await expect(call).rejects.toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringMatching(/^The test worker stopped answering \(no answer to a health check within 30 ms\), so Aura Work stopped it\./) });
    expect(worker.signals).toEqual(['SIGKILL']);
    await client.dispose();
  });

  it('kills a worker that never says it is ready', async () => {
    const { client, forks } = harness(echo, { ready: false, readyTimeoutMs: 20 });
    await expect(client.call('echo', { text: 'x' })).rejects.toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringContaining('stopped answering (it was not ready within 20 ms), so Aura Work stopped it before it was ready') });
    expect(forks[0]!.signals).toEqual(['SIGKILL']);
    expect(forks[0]!.requests()).toEqual([]);
  });

  it('stops the worker on dispose, failing calls in flight and later ones as a shutdown', async () => {
    const { client, forks } = harness(silent);
    const call = client.call('echo', { text: 'x' });
    const worker = await requested(forks);
    await client.dispose();
    expect(worker.signals).toEqual(['SIGTERM']);
    await expect(call).rejects.toMatchObject({ code: 'INTERRUPTED' });
    await expect(client.call('echo', { text: 'y' })).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(forks).toHaveLength(1);
  });
});
