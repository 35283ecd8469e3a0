import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Logger } from '../../src/core/logging/logger';
import { NodeWorkerLauncher } from '../../src/core/workers/node-worker-launcher';
import { WorkerPool } from '../../src/core/workers/worker-pool';
import { eventually } from '../support/eventually';
import { REPO_ROOT } from '../support/launch-host';
import { isRunning } from '../support/processes';
import { TestWorkerMethods } from '../fixtures/workers/test-worker-methods';

// Real worker processes (test/fixtures/workers/test-worker.ts, served by src/workers/worker-runtime.ts)
// started by NodeWorkerLauncher through the pool, as the headless host and the CLI start theirs.

const ENTRY = join(REPO_ROOT, 'test/fixtures/workers/test-worker.ts');
const HOST_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/home/test',
  LANG: 'en_GB.UTF-8',
  OPENAI_API_KEY: 'sk-test-0123456789abcdef0123',
  ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef',
  GITHUB_TOKEN: 'ghp_0123456789abcdef0123',
  NODE_OPTIONS: '--max-old-space-size=64',
};

function recordingLogger() {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const record = (level: string) => (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level, msg, fields });
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), tail: () => [] };
  return { logger, lines };
}

let pool: WorkerPool | undefined;
function testWorker(options: Parameters<WorkerPool['create']>[2] = {}) {
  const { logger, lines } = recordingLogger();
  pool = new WorkerPool({ launcher: new NodeWorkerLauncher(), logger, env: HOST_ENV, entry: () => ENTRY });
  return { worker: pool.create('test', TestWorkerMethods, options), lines };
}

afterEach(async () => {
  await pool?.dispose();
  pool = undefined;
});

describe('worker processes', () => {
  it('give a worker none of the host’s keys: only the allowlisted variables and its own extras', async () => {
    const { worker } = testWorker({ env: { AURA_WORKER_ROLE: 'test' } });
    const env = await worker.call('env', {});
    expect(env).toMatchObject({ PATH: HOST_ENV.PATH, HOME: '/home/test', LANG: 'en_GB.UTF-8', AURA_WORKER_ROLE: 'test' });
    for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GITHUB_TOKEN', 'NODE_OPTIONS']) expect(env).not.toHaveProperty(name);
    expect(JSON.stringify(env)).not.toMatch(/sk-|ghp_/);
  }, 30_000);

  it('survive kill -9 mid-call: the call fails saying so, the worker comes back, the next call works', async () => {
    const { worker } = testWorker();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const call = worker.call('wait', {}, { onProgress: () => started() }).catch((err: unknown) => err);
    await running;
    const pid = worker.pid!;
    process.kill(pid, 'SIGKILL');
    expect(await call).toMatchObject({ code: 'WORKER_CRASHED', message: 'The test worker was killed (SIGKILL). It starts again with the next call.', hint: expect.stringContaining('Try again') });
    await expect(worker.call('echo', { text: 'back' })).resolves.toEqual({ text: 'back' });
    expect(worker.pid).toEqual(expect.any(Number));
    expect(worker.pid).not.toBe(pid);
    expect(isRunning(pid)).toBe(false);
  }, 60_000);

  it('kill a worker whose event loop is blocked, fail its call with the reason, and start a fresh one', async () => {
    const { worker, lines } = testWorker({ pingIntervalMs: 100, pingTimeoutMs: 1000 });
    await worker.start();
    const pid = worker.pid!;
    await expect(worker.call('block', {})).rejects.toMatchObject({ code: 'WORKER_CRASHED', message: expect.stringMatching(/^The test worker stopped answering \(no answer to a health check within 1 s\), so Aura Work stopped it\./) });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'worker hung: killing it', fields: expect.objectContaining({ pid }) }));
    await expect(worker.call('echo', { text: 'fresh' })).resolves.toEqual({ text: 'fresh' });
    expect(worker.pid).not.toBe(pid);
  }, 60_000);

  it('pass a cancel on to the worker, which stops the call', async () => {
    const { worker } = testWorker();
    const abort = new AbortController();
    const call = worker.call('wait', {}, { signal: abort.signal, onProgress: () => abort.abort(new Error('enough')) });
    await expect(call).rejects.toThrow('enough');
    await expect(eventually(() => worker.call('cancelled', {}), (count) => count === 1)).resolves.toBe(1);
  }, 30_000);

  it('fail a call the worker answers outside its schema, and keep the worker', async () => {
    const { worker } = testWorker();
    await worker.start();
    const pid = worker.pid;
    await expect(worker.call('bad', {})).rejects.toMatchObject({ code: 'INVALID_OUTPUT', message: expect.stringContaining('The test worker answered bad with a result outside its schema') });
    await expect(worker.call('echo', { text: 'still here' })).resolves.toEqual({ text: 'still here' });
    expect(worker.pid).toBe(pid);
  }, 30_000);

  it('write what a worker prints to the host’s log', async () => {
    const { worker, lines } = testWorker();
    await worker.call('log', { line: 'llama.cpp says hello' });
    await eventually(() => lines, (all) => all.some((line) => line.fields.line === 'llama.cpp says hello'));
    expect(lines).toContainEqual({ level: 'warn', msg: 'worker output', fields: { worker: 'test', pid: worker.pid, line: 'llama.cpp says hello' } });
  }, 30_000);

  it('stop with the app: calls in flight fail as a shutdown and no process is left', async () => {
    const { worker } = testWorker();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const call = worker.call('wait', {}, { onProgress: () => started() }).catch((err: unknown) => err);
    await running;
    const pid = worker.pid!;
    await pool!.dispose();
    expect(await call).toMatchObject({ code: 'INTERRUPTED' });
    expect(isRunning(pid)).toBe(false);
  }, 30_000);

  it('do not outlive a host killed with -9', async () => {
    const host = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/fixtures/workers/worker-host.ts')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      let output = '';
      host.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /WORKER_PID=(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      host.once('exit', (code) => reject(new Error(`the host exited with ${code}: ${output}`)));
    });
    expect(isRunning(pid)).toBe(true);
    host.kill('SIGKILL');
    await expect(eventually(() => isRunning(pid), (running) => !running)).resolves.toBe(false);
  }, 60_000);
});
