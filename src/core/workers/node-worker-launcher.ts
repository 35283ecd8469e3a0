import { fork } from 'node:child_process';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { WorkerLauncher, WorkerProcess } from './worker-launcher';

/**
 * Workers as Node child processes, for the headless host, the CLI and tests. The IPC channel uses V8's
 * serialisation (structured clone, as Electron's utility processes do); stdout and stderr are piped to
 * the host's log; no flag of the host reaches the worker (execArgv is empty), except that a TypeScript
 * entry — a source checkout, in tests — runs through tsx.
 */
export class NodeWorkerLauncher implements WorkerLauncher {
  fork(entry: string, { env }: { name: string; env: Record<string, string> }): WorkerProcess {
    const child = fork(entry, [], {
      env,
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Nothing in a worker depends on where the host was started.
      cwd: dirname(entry),
    });
    const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
    let exited = false;
    const exit = (code: number | null, signal: string | null) => {
      if (exited) return;
      exited = true;
      for (const listener of exitListeners) listener(code, signal);
    };
    const outputListeners: ((line: string, stream: 'stdout' | 'stderr') => void)[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const input = child[stream];
      if (input) createInterface({ input }).on('line', (line) => outputListeners.forEach((listener) => listener(line, stream)));
    }
    child.on('exit', exit);
    // A process that could not be started (or a channel that broke) may never emit 'exit'.
    child.on('error', (err) => {
      outputListeners.forEach((listener) => listener(`worker process error: ${err.message}`, 'stderr'));
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) exit(child.exitCode, child.signalCode);
    });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (exited || !child.connected) return false;
        try {
          // false from send() only means a backlog; a send that fails later ends in the worker's exit.
          child.send(message as object, () => undefined);
          return true;
        } catch {
          return false;
        }
      },
      onMessage: (listener) => void child.on('message', listener),
      onOutput: (listener) => void outputListeners.push(listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill(signal = 'SIGTERM') {
        if (!exited) child.kill(signal);
      },
    };
  }
}
