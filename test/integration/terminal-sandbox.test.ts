import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logging/logger';
import { NodeWorkerLauncher } from '../../src/core/workers/node-worker-launcher';
import { WorkerPool } from '../../src/core/workers/worker-pool';
import { TERMINAL_WORKER_METHODS } from '../../src/shared/terminal';
import { VM_WORKER } from '../../src/shared/vm';
import { eventually } from '../support/eventually';
import { isRunning } from '../support/processes';
import { processesInNamespace, vmFixture } from '../support/vm-fixture';

// The Terminal's shells in the real VM worker: node-pty running bash inside the workspace's bubblewrap
// sandbox, as the Terminal page gets them through the host.

jest.setTimeout(60_000);

const fx = vmFixture();
const pool = new WorkerPool({ launcher: new NodeWorkerLauncher(), logger: silentLogger, env: process.env });
const worker = pool.create(VM_WORKER, TERMINAL_WORKER_METHODS);

afterAll(() => pool.dispose());

/** A terminal in the fixture's workspace, with everything it printed so far. */
function startTerminal(network = false) {
  const session = randomUUID();
  let output = '';
  let pieces = 0;
  const exited = worker
    .call('terminal.start', { session, sandbox: fx.sandbox({ network }), cols: 100, rows: 30 }, { onProgress: ({ data }) => ((output += data), (pieces += 1)) })
    .catch((err: unknown) => err);
  const type = (data: string) => worker.call('terminal.input', { session, data });
  const waitFor = async (pattern: RegExp) => {
    const seen = await eventually(() => output, (text) => pattern.test(text), 20_000);
    expect(seen.slice(-3000)).toMatch(pattern);
  };
  return { session, exited, type, waitFor, output: () => output, pieces: () => pieces };
}

describe('the Terminal in the VM worker', () => {
  let terminal: ReturnType<typeof startTerminal>;
  beforeAll(async () => {
    terminal = startTerminal();
    await terminal.waitFor(/\(sandbox\)/);
  }, 60_000);

  it('runs an interactive bash in the workspace, whose files it writes', async () => {
    await terminal.type('echo hi > made.txt && cat made.txt && tty && echo "[$TERM]"\r');
    // A terminal of its own: bubblewrap shows the pty it runs on as /dev/console.
    await terminal.waitFor(/\r\n\/dev\/(pts\/\d+|console)\r\n\[xterm-256color\]/);
    expect(readFileSync(join(fx.ws, 'made.txt'), 'utf8')).toBe('hi\n');
  });

  it('keeps the home’s keys, the data folder and the world outside the workspace out of reach', async () => {
    await terminal.type(`cat ${fx.home}/.ssh/id_rsa; echo "ssh:$?"; cat ${fx.dataDir}/aura.db; echo "data:$?"; echo pwned > ${fx.outside}/pwned.txt; echo "out:$?"\r`);
    await terminal.waitFor(/out:\d/);
    expect(terminal.output()).toMatch(/ssh:1/);
    expect(terminal.output()).toMatch(/data:1/);
    expect(terminal.output()).not.toContain('BEGIN OPENSSH');
    expect(existsSync(join(fx.outside, 'pwned.txt'))).toBe(false);
  });

  it('holds no descriptor of the host: only its terminal', async () => {
    await terminal.type('ls /proc/$$/fd | tr "\\n" " "; echo "fds-$((6*7))"\r');
    await terminal.waitFor(/fds-42/);
    // bash's own 255 is its terminal; nothing else is open.
    expect(/\r([\d ]+)fds-42/.exec(terminal.output())?.[1]?.trim().split(' ')).toEqual(['0', '1', '2', '255']);
  });

  it('has the network off unless the sandbox allows it', async () => {
    await terminal.type('ls /sys/class/net; echo net-$((6*7))\r');
    await terminal.waitFor(/net-42/);
    expect(terminal.output()).not.toMatch(/\beth\d|\benp\d/);
  });

  it('has job control: Ctrl-C stops the running command, the shell stays', async () => {
    await terminal.type('sleep 600\r');
    await terminal.waitFor(/sleep 600\r\n/);
    await terminal.type('\x03');
    await terminal.type('echo after-$((6*7))\r');
    await terminal.waitFor(/after-42\r\n[\s\S]*\(sandbox\)/);
  });

  it('resizes: the shell sees the new size', async () => {
    await worker.call('terminal.resize', { session: terminal.session, cols: 123, rows: 45 });
    await terminal.type('stty size\r');
    await terminal.waitFor(/45 123/);
  });

  it('paces a flood: output comes in bounded batches and the shell still answers', async () => {
    const before = terminal.pieces();
    await terminal.type('head -c 3000000 /dev/zero | tr "\\0" x; echo; echo flood-$((6*7))\r');
    await terminal.waitFor(/flood-42/);
    // ~3 MB in batches of at most 32 K characters: at least ~90 of them, never one huge message.
    expect(terminal.pieces() - before).toBeGreaterThan(80);
  }, 60_000);

  it('stops with everything the shell started, and the call ends', async () => {
    await terminal.type('sleep 900 & echo "bg:$!"\r');
    await terminal.waitFor(/bg:\d+/);
    await terminal.type('readlink /proc/self/ns/pid\r');
    await terminal.waitFor(/pid:\[\d+\]/);
    const hostPids = processesInNamespace(/pid:\[\d+\]/.exec(terminal.output())?.[0] ?? '');
    expect(hostPids.length).toBeGreaterThan(1); // the shell and the sleep at least
    expect(await worker.call('terminal.stop', { session: terminal.session })).toEqual({ stopped: true });
    expect(await terminal.exited).toEqual({ exitCode: null });
    for (const pid of hostPids) expect(await eventually(() => isRunning(pid), (running) => !running)).toBe(false);
    expect(await worker.call('terminal.input', { session: terminal.session, data: 'x' })).toEqual({ written: false });
  });

  it('dies with the worker: kill -9 of the VM worker leaves nothing of the sandbox running', async () => {
    const other = startTerminal();
    await other.waitFor(/\(sandbox\)/);
    await other.type('sleep 900 & readlink /proc/self/ns/pid\r');
    await other.waitFor(/pid:\[\d+\]/);
    const pids = processesInNamespace(/pid:\[\d+\]/.exec(other.output())?.[0] ?? '');
    expect(pids.length).toBeGreaterThan(1);
    process.kill(worker.pid!, 'SIGKILL');
    expect(await other.exited).toMatchObject({ code: 'WORKER_CRASHED' });
    for (const pid of pids) expect(await eventually(() => isRunning(pid), (running) => !running)).toBe(false);
  });
});
