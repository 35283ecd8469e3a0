/**
 * Starts worker processes. One interface, two implementations: `child_process.fork` in the headless
 * host and the CLI (node-worker-launcher.ts), Electron's `utilityProcess.fork` in the desktop app
 * (src/main/electron). Core code only ever sees this interface, handed to it by the composition root.
 */
export interface WorkerLauncher {
  /**
   * Starts `entry` (dist/workers/<name>.js, or its TypeScript source in a checkout: see worker-entry.ts)
   * with exactly `env`: nothing of the host's environment leaks.
   */
  fork(entry: string, options: { name: string; env: Record<string, string> }): WorkerProcess;
}

/** A running worker as the launcher hands it out: a message port, its exit, and a way to end it. */
export interface WorkerProcess {
  readonly pid: number | undefined;
  /** Sends one structured-clonable message. Returns false when the worker is gone. */
  send(message: unknown): boolean;
  onMessage(listener: (message: unknown) => void): void;
  /** Each line the worker writes to stdout or stderr: it goes to the host's log, never the terminal. */
  onOutput(listener: (line: string, stream: 'stdout' | 'stderr') => void): void;
  /** Fires once, whatever ended it (exit, crash, kill -9); `code` null when a signal ended it. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** SIGTERM unless told otherwise; SIGKILL for a worker that stopped answering. */
  kill(signal?: 'SIGTERM' | 'SIGKILL'): void;
}
