import { TERMINAL_LIMITS } from '../../shared/terminal';
import type { SandboxCommand } from './sandbox-process';

/** What the session needs of a pty: node-pty's IPty, or a fake in tests. */
export interface Pty {
  readonly pid: number;
  onData(listener: (data: string) => void): { dispose(): void };
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): { dispose(): void };
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  pause(): void;
  resume(): void;
}

/** Starts a program on a new pty (node-pty's `spawn`). */
export type SpawnPty = (file: string, args: string[], options: { name: string; cols: number; rows: number; cwd: string; env: Record<string, string> }) => Pty;

export interface TerminalPacing {
  /** How often output is sent. */
  batchMs: number;
  /** The most output sent per batch; more waits for the next one, and the pty is paused meanwhile. */
  batchChars: number;
}

/**
 * One interactive shell of the Terminal page, on a pty of its own, inside the workspace's sandbox. Its
 * output goes to `send` at once after a quiet spell, else in batches of at most `batchChars` per `batchMs`: past a few batches' worth
 * waiting, the pty is paused (the program's writes block, as in a slow terminal) until it has drained, so
 * a flood (`yes`) costs a bounded rate and bounded memory. Stopping it kills bubblewrap, and with it,
 * through `--die-with-parent` and the pid namespace, everything in the sandbox.
 */
export class TerminalSession {
  readonly exited: Promise<{ exitCode: number | null }>;
  private readonly pty: Pty;
  private pending = '';
  private paused = false;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;
  private alive = true;

  constructor(
    command: SandboxCommand,
    size: { cols: number; rows: number },
    spawnPty: SpawnPty,
    private readonly send: (data: string) => void,
    private readonly pacing: TerminalPacing = TERMINAL_LIMITS,
  ) {
    // Bubblewrap clears the environment and sets the sandbox's own; nothing of the worker's is passed.
    this.pty = spawnPty(command.argv[0] as string, command.argv.slice(1), { name: 'xterm-256color', cols: size.cols, rows: size.rows, cwd: command.cwd, env: {} });
    this.pty.onData((data) => this.receive(data));
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.alive = false;
        command.release();
        this.flushAll();
        resolve({ exitCode: signal ? null : exitCode });
      });
    });
  }

  write(data: string): boolean {
    if (!this.alive) return false;
    this.pty.write(data);
    return true;
  }

  resize(cols: number, rows: number): boolean {
    if (!this.alive) return false;
    this.pty.resize(cols, rows);
    return true;
  }

  /** Kills the shell and everything in its sandbox, and waits until it is gone. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        this.pty.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    await this.exited;
  }

  private receive(data: string): void {
    this.pending += data;
    if (!this.paused && this.pending.length > this.pacing.batchChars * 4) {
      this.paused = true;
      this.pty.pause();
    }
    if (this.timer) return;
    // The first output after a quiet spell goes at once (an echo is not held back), the rest once per batchMs.
    const wait = this.lastSent + this.pacing.batchMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends one batch; schedules the next while output is left. */
  private flush(): void {
    this.timer = undefined;
    let cut = Math.min(this.pending.length, this.pacing.batchChars);
    // Never between the two halves of a surrogate pair.
    if (cut < this.pending.length && isHighSurrogate(this.pending.charCodeAt(cut - 1))) cut -= 1;
    const batch = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    if (batch) {
      this.lastSent = Date.now();
      this.send(batch);
    }
    if (this.paused && this.pending.length <= this.pacing.batchChars) {
      this.paused = false;
      if (this.alive) this.pty.resume();
    }
    if (this.pending) this.timer = setTimeout(() => this.flush(), this.pacing.batchMs);
  }

  /** At exit: whatever is left goes at once, so the result comes after the last output. */
  private flushAll(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) this.send(this.pending);
    this.pending = '';
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
