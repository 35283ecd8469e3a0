import { describe, expect, it } from '@jest/globals';
import type { ForkOptions, UtilityProcess } from 'electron';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { utilityProcessLauncher } from './utility-process-launcher';

// A stand-in for Electron's utilityProcess (its binary is not installed in tests): what the launcher
// asks of it and how it turns its events into the WorkerProcess interface.
class FakeUtilityProcess extends EventEmitter {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  kills = 0;
  pid: number | undefined = 4242;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.kills++;
    return true;
  }
}

function launch() {
  const forks: { modulePath: string; args: string[] | undefined; options: ForkOptions | undefined }[] = [];
  const child = new FakeUtilityProcess();
  const launcher = utilityProcessLauncher({
    fork: (modulePath, args, options) => {
      forks.push({ modulePath, args, options });
      return child as unknown as UtilityProcess;
    },
  });
  return { worker: launcher.fork('/app/dist/workers/model.js', { name: 'model', env: { PATH: '/bin' } }), child, forks };
}

describe('utilityProcessLauncher', () => {
  it('forks the entry with exactly the given environment, its output piped, named for the task manager', () => {
    const { forks, worker } = launch();
    expect(forks).toEqual([{ modulePath: '/app/dist/workers/model.js', args: [], options: { env: { PATH: '/bin' }, stdio: 'pipe', serviceName: 'Aura Work model worker' } }]);
    expect(worker.pid).toBe(4242);
  });

  it('carries messages both ways, and output line by line', async () => {
    const { worker, child } = launch();
    const received: unknown[] = [];
    const lines: [string, string][] = [];
    worker.onMessage((message) => received.push(message));
    worker.onOutput((line, stream) => lines.push([line, stream]));
    expect(worker.send({ kind: 'ping', id: 1 })).toBe(true);
    expect(child.posted).toEqual([{ kind: 'ping', id: 1 }]);
    child.emit('message', { kind: 'pong', id: 1 });
    expect(received).toEqual([{ kind: 'pong', id: 1 }]);
    const written = new Promise((resolve) => worker.onOutput(resolve));
    child.stderr.write('ggml: loaded\n');
    await written;
    expect(lines).toEqual([['ggml: loaded', 'stderr']]);
  });

  it('reports the exit once, and sends nothing after it', () => {
    const { worker, child } = launch();
    const exits: unknown[] = [];
    worker.onExit((code, signal) => exits.push([code, signal]));
    child.emit('exit', 9);
    expect(exits).toEqual([[9, null]]);
    expect(worker.send({ kind: 'ping', id: 2 })).toBe(false);
    worker.kill();
    expect(child.kills).toBe(0);
  });

  it('asks the process to stop with SIGTERM', () => {
    const { worker, child } = launch();
    worker.kill();
    expect(child.kills).toBe(1);
  });
});
