import type { ForkOptions, UtilityProcess } from 'electron';
import { createInterface } from 'node:readline';
import type { WorkerLauncher, WorkerProcess } from '../../core/workers/worker-launcher';

/** The part of Electron's `utilityProcess` module used here; index.ts passes the real one. */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess;
}

/**
 * Workers as Electron utility processes (VS Code's UtilityProcess is the model): the same interface as
 * NodeWorkerLauncher, messages by structured clone over Electron's port, stdout and stderr piped to the
 * host's log.
 */
export function utilityProcessLauncher(utilityProcess: UtilityProcessModule): WorkerLauncher {
  return {
    fork(entry, { name, env }): WorkerProcess {
      const child = utilityProcess.fork(entry, [], { env, stdio: 'pipe', serviceName: `Aura Work ${name} worker` });
      let exited = false;
      const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
      const outputListeners: ((line: string, stream: 'stdout' | 'stderr') => void)[] = [];
      for (const stream of ['stdout', 'stderr'] as const) {
        const input = child[stream];
        if (input) createInterface({ input }).on('line', (line) => outputListeners.forEach((listener) => listener(line, stream)));
      }
      // Electron reports the exit code only; a signal shows as the code the OS gave.
      child.on('exit', (code) => {
        exited = true;
        exitListeners.forEach((listener) => listener(code, null));
      });
      return {
        get pid() {
          return child.pid;
        },
        send(message) {
          if (exited) return false;
          child.postMessage(message);
          return true;
        },
        onMessage: (listener) => void child.on('message', listener),
        onOutput: (listener) => void outputListeners.push(listener),
        onExit: (listener) => void exitListeners.push(listener),
        kill(signal = 'SIGTERM') {
          if (exited) return;
          // utilityProcess.kill() only asks (SIGTERM); a hung worker gets a real SIGKILL.
          if (signal === 'SIGKILL' && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
          else child.kill();
        },
      };
    },
  };
}
