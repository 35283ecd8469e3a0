import { z } from 'zod';
import { SandboxParams } from './vm';
import type { WorkerMethods } from './worker-protocol';

/**
 * The Terminal page: one interactive bash per workspace, in the same sandbox the `shell` tool gets
 * (src/workers/vm), reached over the contract (`terminal.*`) and, host ↔ worker, over the VM worker's
 * `terminal.*` methods. The agent's commands in that workspace show in it as they run.
 */

export const TERMINAL_LIMITS = {
  /** Output kept per terminal and replayed when a page attaches again (characters). */
  scrollbackChars: 256 * 1024,
  /** One `terminal.write`: a keystroke, or a paste of this size at most (characters). */
  inputChars: 64 * 1024,
  minCols: 2,
  maxCols: 500,
  minRows: 1,
  maxRows: 300,
  /** `terminal.data` is sent at most once per this many milliseconds per terminal. */
  batchMs: 16,
  /**
   * Output the worker sends per batch at most; past it the pty is paused until the host caught up, so
   * `yes` or a `cat` of a huge file slows down instead of flooding the socket (characters).
   */
  batchChars: 32 * 1024,
} as const;

const Cols = z.number().int().min(TERMINAL_LIMITS.minCols).max(TERMINAL_LIMITS.maxCols);
const Rows = z.number().int().min(TERMINAL_LIMITS.minRows).max(TERMINAL_LIMITS.maxRows);
const SessionId = z.string().uuid();

export const TerminalOpenInput = z.object({ workspaceId: z.string().uuid(), cols: Cols.default(80), rows: Rows.default(24) }).strict();

/** A terminal as `terminal.open` returns it: new, or the running one re-attached with what it printed so far. */
export const TerminalOpened = z.object({
  sessionId: SessionId,
  workspaceId: z.string().uuid(),
  /** The last `TERMINAL_LIMITS.scrollbackChars` characters of output, to replay before the live data. */
  scrollback: z.string(),
  /** How much output there was up to the end of `scrollback`: `terminal.data` up to here is in it already. */
  offset: z.number().int().nonnegative(),
  /** The network policy the terminal's sandbox was started with (a change applies when it restarts). */
  network: z.enum(['off', 'on']),
  /** False when an earlier terminal of this workspace was running and was attached again. */
  started: z.boolean(),
});
export type TerminalOpened = z.infer<typeof TerminalOpened>;

export const TerminalWriteInput = z.object({ sessionId: SessionId, data: z.string().min(1).max(TERMINAL_LIMITS.inputChars) }).strict();
export const TerminalResizeInput = z.object({ sessionId: SessionId, cols: Cols, rows: Rows }).strict();
export const TerminalCloseInput = z.object({ sessionId: SessionId }).strict();

/** Output of a terminal, redacted, in order; `offset` is the total output up to the end of `data`. */
export const TerminalData = z.object({ sessionId: SessionId, data: z.string(), offset: z.number().int().nonnegative() });
export type TerminalData = z.infer<typeof TerminalData>;

/** A terminal ended: its shell exited, it was closed, or the VM worker stopped under it. */
export const TerminalExit = z.object({ sessionId: SessionId, exitCode: z.number().int().nullable(), reason: z.enum(['exited', 'closed', 'crashed']) });
export type TerminalExit = z.infer<typeof TerminalExit>;

/** The VM worker's terminal methods, served beside the shell's (src/workers/vm/terminal-sessions.ts). */
export const TERMINAL_WORKER_METHODS = {
  /** Starts the terminal and runs as long as it does: its output comes as progress, its exit as the result. */
  'terminal.start': {
    params: z.object({ session: SessionId, sandbox: SandboxParams, cols: Cols, rows: Rows }).strict(),
    result: z.object({ exitCode: z.number().int().nullable() }),
    progress: z.object({ data: z.string() }),
  },
  'terminal.input': { params: z.object({ session: SessionId, data: z.string().min(1).max(TERMINAL_LIMITS.inputChars) }).strict(), result: z.object({ written: z.boolean() }) },
  'terminal.resize': { params: z.object({ session: SessionId, cols: Cols, rows: Rows }).strict(), result: z.object({ resized: z.boolean() }) },
  'terminal.stop': { params: z.object({ session: SessionId }).strict(), result: z.object({ stopped: z.boolean() }) },
} as const satisfies WorkerMethods;
