import { setTimeout as wait } from 'node:timers/promises';
import { AuraError, describeIssues } from '../../shared/errors';
import { WorkerToHost, type MethodParams, type MethodProgress, type MethodResult, type WorkerMethod, type WorkerMethods } from '../../shared/worker-protocol';
import type { Logger } from '../logging/logger';
import type { WorkerLauncher, WorkerProcess } from './worker-launcher';

export interface WorkerClientOptions {
  /** Said in messages and the log: "the model worker". */
  name: string;
  /** The script to start (workerEntry). */
  entry: string;
  /** The worker's whole environment (workerEnv). */
  env: Record<string, string>;
  launcher: WorkerLauncher;
  logger: Logger;
  /** How often a running worker is pinged. */
  pingIntervalMs?: number;
  /** How long a pong may take before the worker counts as hung, and is killed. */
  pingTimeoutMs?: number;
  /** How long a start may take, fork to `ready`. */
  readyTimeoutMs?: number;
  /** The wait before a start after a second crash in a row; it doubles with each further one, up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long dispose() gives the worker after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Test seam: the back-off wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Per call: a signal that cancels it (the worker is sent `cancel`), a time limit, and where its progress goes. */
export interface WorkerCallOptions<Progress> {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (data: Progress) => void;
}

interface Call {
  method: string;
  def: WorkerMethod;
  resolve(value: unknown): void;
  reject(err: unknown): void;
  onProgress: ((data: unknown) => void) | undefined;
}

/** One started process of the worker, and the calls sent to it. */
interface Run {
  process: WorkerProcess;
  pending: Map<number, Call>;
  ready: Promise<void>;
  markReady(): void;
  failStart(err: unknown): void;
  isReady: boolean;
  exited: boolean;
  /** Set when the host ended it on purpose: dispose. */
  stopping: boolean;
  /** Why the host killed it: it stopped answering. */
  hung: string | undefined;
  timer: NodeJS.Timeout | undefined;
  pingId: number;
  /** What its calls failed with once it ended. */
  error: AuraError | undefined;
}

const defaultSleep = (ms: number, signal: AbortSignal) => wait(ms, undefined, { signal });
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`);

/**
 * A typed client of one worker, over a table of its methods (VS Code's UtilityProcess is the model). The
 * process starts with the first call, not before. Params are validated before they are sent; results and
 * progress when they come back, so a worker answering outside its schema fails that call, nothing more.
 * An aborted call sends `cancel`. The worker is pinged every few seconds; one that does not answer is
 * killed. When the process ends, every call in flight fails with WORKER_CRASHED saying what happened,
 * and the next call starts it again: at once after one crash, then after a back-off that doubles up to
 * ~30 s while it keeps crashing. A successful call resets the count.
 */
export class WorkerClient<M extends WorkerMethods> {
  private current: Run | undefined;
  private crashes = 0;
  private restartAt = 0;
  private nextId = 1;
  private disposed = false;
  private readonly lifetime = new AbortController();
  private readonly label: string;
  private readonly sleep: NonNullable<WorkerClientOptions['sleep']>;

  constructor(
    private readonly methods: M,
    private readonly options: WorkerClientOptions,
  ) {
    this.label = `the ${options.name} worker`;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** The running worker's process id; undefined before the first call and after a crash. */
  get pid(): number | undefined {
    return this.current?.process.pid;
  }

  /** Calls a method and resolves with its validated result. */
  async call<K extends keyof M & string>(method: K, params: MethodParams<M[K]>, options: WorkerCallOptions<MethodProgress<M[K]>> = {}): Promise<MethodResult<M[K]>> {
    const def = this.methods[method];
    if (!def) throw new AuraError('INTERNAL', `${capitalize(this.label)} has no method ${method}.`);
    const parsed = def.params.safeParse(params);
    if (!parsed.success) throw new AuraError('INVALID_INPUT', `${method} for ${this.label}: ${describeIssues(parsed.error)}`);
    if (this.disposed) throw this.shutdownError();
    options.signal?.throwIfAborted();

    // One signal for everything that ends the call early: the caller's, its time limit.
    const stop = new AbortController();
    const onAbort = () => stop.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => stop.abort(new AuraError('TIMEOUT', `${capitalize(this.label)} did not answer ${method} within ${duration(options.timeoutMs ?? 0)}.`, 'Try again; if it keeps happening, see the log in Settings → Diagnostics.')), options.timeoutMs);
    try {
      const run = await this.running(stop.signal);
      return (await this.send(run, method, def, parsed.data, stop.signal, options.onProgress as ((data: unknown) => void) | undefined)) as MethodResult<M[K]>;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Starts the worker now rather than with the first call, and resolves once it is ready. */
  async start(): Promise<void> {
    if (this.disposed) throw this.shutdownError();
    await this.running(new AbortController().signal);
  }

  /** Stops the worker (SIGTERM, then SIGKILL if it lingers); calls in flight, and any later call, fail as a shutdown. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.lifetime.abort(this.shutdownError());
    const run = this.current;
    this.current = undefined;
    if (!run || run.exited) return;
    run.stopping = true;
    const exited = new Promise<void>((resolve) => run.process.onExit(() => resolve()));
    run.process.kill('SIGTERM');
    const force = setTimeout(() => run.process.kill('SIGKILL'), this.options.stopTimeoutMs ?? 3000);
    await exited;
    clearTimeout(force);
  }

  /** The ready worker, started if need be, after the back-off of repeated crashes. */
  private async running(signal: AbortSignal): Promise<Run> {
    const stop = AbortSignal.any([signal, this.lifetime.signal]);
    for (;;) {
      stop.throwIfAborted();
      if (this.current) {
        const run = this.current;
        if (!run.isReady) await abortable(run.ready, stop);
        return run;
      }
      const delay = this.restartAt - Date.now();
      if (delay > 0) {
        const crashes = this.crashes;
        try {
          await this.sleep(delay, stop);
        } catch {
          stop.throwIfAborted();
        }
        // Another waiting call may have started it meanwhile, and it may have crashed again: look again.
        if (this.current || this.crashes !== crashes) continue;
      }
      this.current = this.launch();
    }
  }

  private launch(): Run {
    const { name, logger } = this.options;
    let process: WorkerProcess;
    try {
      process = this.options.launcher.fork(this.options.entry, { name, env: this.options.env });
    } catch (err) {
      throw new AuraError('WORKER_CRASHED', `${capitalize(this.label)} could not be started: ${err instanceof Error ? err.message : String(err)}`, 'Reinstall Aura Work if this keeps happening; the log in Settings → Diagnostics says more.');
    }
    let markReady!: () => void;
    let failStart!: (err: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    // A failed start rejects the calls waiting for it; with none waiting, it is no unhandled rejection.
    ready.catch(() => undefined);
    const run: Run = { process, pending: new Map(), ready, markReady, failStart, isReady: false, exited: false, stopping: false, hung: undefined, timer: undefined, pingId: 0, error: undefined };
    process.onOutput((line, stream) => logger[stream === 'stderr' ? 'warn' : 'info']('worker output', { worker: name, pid: process.pid, line }));
    process.onMessage((message) => this.receive(run, message));
    process.onExit((code, signal) => this.exited(run, code, signal));
    const readyMs = this.options.readyTimeoutMs ?? 30_000;
    this.arm(run, readyMs, () => this.kill(run, `it was not ready within ${duration(readyMs)}`));
    logger.info('worker starting', { worker: name, pid: process.pid });
    return run;
  }

  private send(run: Run, method: string, def: WorkerMethod, params: unknown, signal: AbortSignal, onProgress: ((data: unknown) => void) | undefined): Promise<unknown> {
    const id = this.nextId++;
    if (run.error) return Promise.reject(run.error);
    // Aborted while the worker was being found: an abort event that already fired would never reach the listener below.
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!run.pending.delete(id)) return;
        run.process.send({ kind: 'cancel', id });
        reject(signal.reason);
      };
      const done = () => signal.removeEventListener('abort', onAbort);
      run.pending.set(id, {
        method,
        def,
        onProgress,
        resolve: (value) => {
          done();
          resolve(value);
        },
        reject: (err) => {
          done();
          reject(err);
        },
      });
      signal.addEventListener('abort', onAbort, { once: true });
      // A worker that is already gone fails the call from its exit, with the reason.
      run.process.send({ kind: 'request', id, method, params });
    });
  }

  private receive(run: Run, raw: unknown): void {
    if (run.exited) return;
    const parsed = WorkerToHost.safeParse(raw);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      this.options.logger.warn('worker message outside the protocol', { worker: this.options.name, issues });
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number') this.fail(run, id, `outside the worker protocol (${issues})`);
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'ready':
        if (run.isReady) return;
        run.isReady = true;
        run.markReady();
        this.options.logger.info('worker ready', { worker: this.options.name, pid: message.pid });
        this.schedulePing(run);
        return;
      case 'pong':
        if (message.id === run.pingId) this.schedulePing(run);
        return;
      case 'progress': {
        const call = run.pending.get(message.id);
        if (!call) return;
        if (!call.def.progress) return this.fail(run, message.id, 'with progress, which this method does not report');
        const data = call.def.progress.safeParse(message.data);
        if (!data.success) return this.fail(run, message.id, `with progress outside its schema (${describeIssues(data.error)})`);
        try {
          call.onProgress?.(data.data);
        } catch (err) {
          // The caller's own failure ends its call; the worker stops working on it.
          run.pending.delete(message.id);
          run.process.send({ kind: 'cancel', id: message.id });
          call.reject(err);
        }
        return;
      }
      case 'response': {
        const call = run.pending.get(message.id);
        if (!call) return;
        if (!message.ok) {
          run.pending.delete(message.id);
          return call.reject(AuraError.from(message.error));
        }
        const result = call.def.result.safeParse(message.result);
        if (!result.success) return this.fail(run, message.id, `with a result outside its schema (${describeIssues(result.error)})`);
        run.pending.delete(message.id);
        this.crashes = 0;
        call.resolve(result.data);
      }
    }
  }

  /** A call the worker answered wrongly: that call fails, and the worker stops working on it. */
  private fail(run: Run, id: number, what: string): void {
    const call = run.pending.get(id);
    if (!call) return;
    run.pending.delete(id);
    run.process.send({ kind: 'cancel', id });
    call.reject(new AuraError('INVALID_OUTPUT', `${capitalize(this.label)} answered ${call.method} ${what}.`, 'This is a bug in Aura Work: see the log in Settings → Diagnostics.'));
  }

  private exited(run: Run, code: number | null, signal: string | null): void {
    run.exited = true;
    clearTimeout(run.timer);
    if (this.current === run) this.current = undefined;
    let error: AuraError;
    if (run.stopping || this.disposed) {
      error = this.shutdownError();
    } else {
      this.crashes += 1;
      const delay = this.crashes <= 1 ? 0 : Math.min(this.options.maxBackoffMs ?? 30_000, (this.options.backoffMs ?? 1000) * 2 ** (this.crashes - 2));
      this.restartAt = Date.now() + delay;
      const how = run.hung ? `stopped answering (${run.hung}), so Aura Work stopped it` : signal ? `was killed (${signal})` : `exited with code ${code ?? 'unknown'}`;
      const when = run.isReady ? '' : ' before it was ready';
      const next = delay === 0 ? 'It starts again with the next call.' : `It stopped ${this.crashes} times in a row, so it starts again ${duration(delay)} after the last stop, with the next call.`;
      this.options.logger.warn('worker stopped', { worker: this.options.name, pid: run.process.pid, code, signal, hung: run.hung ?? null, calls: run.pending.size, crashes: this.crashes, restartInMs: delay });
      error = new AuraError('WORKER_CRASHED', `${capitalize(this.label)} ${how}${when}. ${next}`, 'Try again. If it keeps stopping, see the log in Settings → Diagnostics.');
    }
    run.error = error;
    run.failStart(error);
    const calls = [...run.pending.values()];
    run.pending.clear();
    for (const call of calls) call.reject(error);
  }

  /** Ping, then wait for the pong; a worker that misses it is killed. */
  private schedulePing(run: Run): void {
    const interval = this.options.pingIntervalMs ?? 5000;
    const timeout = this.options.pingTimeoutMs ?? 10_000;
    this.arm(run, interval, () => {
      run.pingId += 1;
      run.process.send({ kind: 'ping', id: run.pingId });
      this.arm(run, timeout, () => this.kill(run, `no answer to a health check within ${duration(timeout)}`));
    });
  }

  private arm(run: Run, ms: number, fire: () => void): void {
    clearTimeout(run.timer);
    run.timer = setTimeout(fire, ms);
    // Health checks never keep the host alive on their own.
    run.timer.unref();
  }

  private kill(run: Run, why: string): void {
    if (run.exited) return;
    run.hung = why;
    this.options.logger.warn('worker hung: killing it', { worker: this.options.name, pid: run.process.pid, why });
    run.process.kill('SIGKILL');
  }

  private shutdownError(): AuraError {
    return new AuraError('INTERRUPTED', `${capitalize(this.label)} was stopped: Aura Work is shutting down.`, 'Resume the task once Aura Work runs again.');
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Resolves or rejects as `promise` does, or rejects with the signal's reason once it is aborted. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
