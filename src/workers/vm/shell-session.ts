import { randomBytes } from 'node:crypto';
import { AuraError } from '../../shared/errors';
import { SHELL_LIMITS, type SandboxParams, type ShellResult } from '../../shared/vm';
import { checkGitAfter } from './git-guard';
import { OutputCapture } from './output-capture';
import { CLOSE_INHERITED_FDS, SandboxProcess, type SandboxTools } from './sandbox-process';

/**
 * The shell's loop, run by bash inside the sandbox, after closing what it inherited. Commands arrive on the control pipe (fd 3) as
 * `id NUL folder NUL command NUL`; each runs in this same shell (so `cd` and variables carry over), with
 * stdin from /dev/null and without the control pipe or the marker pipe (fd 4), and ends with a marker
 * on fd 4 (a copy of stdout, so a command that redirects its own stdout does not swallow it).
 */
const PRELUDE = (limits: string) => `${CLOSE_INHERITED_FDS}
exec 3<&0 4>&1 0</dev/null 2>&1
${limits}
__aura_mark() { builtin printf '\\036AURA:%s:%d:%s\\036' "$1" "$2" "$PWD" >&4; }
while IFS= builtin read -r -d '' -u 3 __aura_id && IFS= builtin read -r -d '' -u 3 __aura_cwd && IFS= builtin read -r -d '' -u 3 __aura_cmd; do
  if [[ -n $__aura_cwd ]] && ! builtin cd -- "$__aura_cwd"; then __aura_mark "$__aura_id" 1; continue; fi
  builtin eval "$__aura_cmd" 3<&- 4>&-
  __aura_mark "$__aura_id" "$?"
done`;

/** Output a background job printed between two calls, kept for the next call (bytes). */
const IDLE_BYTES = 64 * 1024;

export interface RunOptions {
  cwd?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onChunk?: (text: string) => void;
}

/**
 * One long-lived bash in its own sandbox, for one task (or one workspace's one-off calls). Calls run one
 * at a time in order. A time limit or a cancel kills the whole sandbox; the next call starts a new one and
 * says so.
 */
export class ShellSession {
  private process: SandboxProcess | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private current: { capture: OutputCapture; onChunk?: (text: string) => void } | null = null;
  private idle: Buffer[] = [];
  private started = 0;
  private resetBy: string | null = null;

  constructor(
    readonly params: SandboxParams,
    private readonly tools: SandboxTools,
    private readonly bash: string,
  ) {}

  /** Runs one command line once the calls before it are done. */
  run(command: string, options: RunOptions): Promise<ShellResult> {
    const next = this.queue.then(() => this.runNow(command, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ends the shell and everything it started. */
  async close(): Promise<void> {
    const process = this.process;
    await process?.kill();
    // A background job may have planted a `commondir` after the last call's check.
    if (process?.git) checkGitAfter(process.git);
    this.process = null;
  }

  private ensureStarted(): SandboxProcess {
    if (this.process?.alive) return this.process;
    const sandbox = new SandboxProcess(this.params, this.tools, {
      proc: true,
      network: this.params.network,
      command: [this.bash, '--noprofile', '--norc', '-c', PRELUDE(this.tools.limiter.shellPrelude)],
    });
    sandbox.child.stdout.on('data', (chunk: Buffer) => this.onOutput(chunk));
    if (this.started > 0 && !this.resetBy) this.resetBy = 'The shell had stopped';
    this.started += 1;
    this.process = sandbox;
    return sandbox;
  }

  private onOutput(chunk: Buffer): void {
    const call = this.current;
    if (!call) {
      this.keepIdle(chunk);
      return;
    }
    const text = call.capture.push(chunk);
    if (text) call.onChunk?.(text);
  }

  private keepIdle(chunk: Buffer): void {
    this.idle.push(chunk);
    let total = this.idle.reduce((sum, part) => sum + part.length, 0);
    while (total > IDLE_BYTES && this.idle.length > 1) total -= (this.idle.shift() as Buffer).length;
  }

  private async runNow(command: string, { cwd, timeoutMs, signal, onChunk }: RunOptions): Promise<ShellResult> {
    if (command.includes('\0') || cwd?.includes('\0')) throw new AuraError('INVALID_INPUT', 'A command cannot contain NUL characters.');
    if (signal?.aborted) throw new AuraError('CANCELLED', 'The command was stopped before it ran.');
    const sandbox = this.ensureStarted();
    const note = this.resetBy ? `${this.resetBy}; a new shell was started: the folder and variables set by earlier commands are gone.` : undefined;
    this.resetBy = null;
    const id = randomBytes(12).toString('hex');
    const capture = new OutputCapture(id, { keepBytes: SHELL_LIMITS.keptOutputBytes, streamBytes: SHELL_LIMITS.streamedOutputBytes });
    this.current = { capture, ...(onChunk ? { onChunk } : {}) };
    // Output a background job printed since the last call belongs to this one's stream.
    const idle = this.idle;
    this.idle = [];
    for (const chunk of idle) this.onOutput(chunk);
    sandbox.child.stdin.write(`${id}\0${cwd ?? ''}\0${command}\0`);

    let stopped: 'timeout' | 'cancel' | null = null;
    const stop = (why: 'timeout' | 'cancel') => {
      stopped ??= why;
      void sandbox.kill();
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('cancel');
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const ended = await Promise.race([this.untilMarker(sandbox, capture), sandbox.exited.then((exit) => ({ exit }))]);
      // SECURITY: before anything is returned, undo what would send git on the host to a planted config.
      const gitNote = sandbox.git ? checkGitAfter(sandbox.git) : undefined;
      if ('exitCode' in ended) {
        if (ended.rest.length) this.keepIdle(ended.rest);
        const { text, truncated } = capture.output();
        const notes = [note, gitNote].filter(Boolean).join(' ');
        return { exitCode: ended.exitCode, output: text, cwd: ended.cwd, truncated, ...(notes ? { note: notes } : {}) };
      }
      // The shell is gone: killed for a time limit or a cancel, or it exited (`exit`, `set -e`, a crash).
      const { text, truncated } = capture.output();
      if (stopped === 'timeout') {
        this.resetBy = `The last command ran past its ${formatMs(timeoutMs)} time limit and was killed`;
        const tail = text.length > 2000 ? `…${text.slice(-2000)}` : text;
        throw new AuraError('TIMEOUT', `The command ran past its ${formatMs(timeoutMs)} time limit; it was killed with everything it started.${tail ? `\nOutput so far:\n${tail}` : ''}`, 'Give it a longer timeout_ms, or run it so it finishes sooner.');
      }
      if (stopped === 'cancel') {
        this.resetBy = 'The last command was stopped';
        throw new AuraError('CANCELLED', 'The command was stopped, with everything it started.');
      }
      if (sandbox.stderr && !text) {
        throw new AuraError('IO_ERROR', `The sandbox could not start: ${sandbox.stderr.slice(0, 500)}`, 'See Readiness for what the sandbox needs.');
      }
      this.resetBy = 'The shell exited';
      const code = ended.exit.code ?? 128;
      return { exitCode: code, output: text, cwd: this.params.roots[0] as string, truncated, note: ['The shell exited; the next command starts a new one (folder and variables reset).', gitNote].filter(Boolean).join(' ') };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.current = null;
    }
  }

  /** Resolves when the capture has seen this call's end marker. */
  private untilMarker(sandbox: SandboxProcess, capture: OutputCapture): Promise<{ exitCode: number; cwd: string; rest: Buffer }> {
    return new Promise((resolve) => {
      const check = () => {
        const done = capture.done;
        if (!done) return;
        sandbox.child.stdout.off('data', check);
        resolve(done);
      };
      // Registered after onOutput, so the capture has taken the chunk by the time this looks.
      sandbox.child.stdout.on('data', check);
      check();
    });
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
