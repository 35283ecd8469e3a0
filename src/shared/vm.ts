import { z } from 'zod';
import type { WorkerMethods } from './worker-protocol';

/**
 * The VM worker: sandboxed shells and the sandboxed file helper. These schemas are the worker's
 * method table (host ↔ worker), the `shell` tool's input and output, and the sandbox status that
 * Readiness shows (`vm.status` in the contract).
 */

/** The worker's name: src/workers/vm/main.ts, built to dist/workers/vm.js. */
export const VM_WORKER = 'vm';

/** Limits every command runs under, whatever the settings say. */
export const SHELL_LIMITS = {
  /** Default time limit of one command; settings can change it within min..max. */
  defaultTimeoutMs: 120_000,
  minTimeoutMs: 100,
  maxTimeoutMs: 3_600_000,
  /** Output kept per call: the head and the tail, with a note of what was dropped in between. */
  keptOutputBytes: 256 * 1024,
  /** Output streamed to the UI per call while it runs; the kept output is in the result anyway. */
  streamedOutputBytes: 1024 * 1024,
  /** The sandbox's private /tmp, and its home and /var/tmp: memory, so bounded. */
  tmpBytes: 512 * 1024 * 1024,
  homeBytes: 64 * 1024 * 1024,
  /** Processes one sandbox may hold at once: a fork bomb stops here. */
  processes: 512,
  commandChars: 100_000,
} as const;

/** What the `shell` tool is called with. */
export const ShellInput = z
  .object({
    command: z.string().min(1).max(SHELL_LIMITS.commandChars).describe('A bash command line; the shell keeps its folder and variables between calls of the same task'),
    cwd: z.string().min(1).max(4096).optional().describe('Folder to change to first, relative to the workspace; the shell stays there'),
    timeout_ms: z.number().int().min(SHELL_LIMITS.minTimeoutMs).max(SHELL_LIMITS.maxTimeoutMs).optional().describe('Time limit; the command and everything it started are killed after it'),
  })
  .strict();
export type ShellInput = z.infer<typeof ShellInput>;

/** What a finished command returns: stdout and stderr interleaved as a terminal shows them. */
export const ShellResult = z.object({
  exitCode: z.number().int(),
  output: z.string(),
  /** The shell's folder after the command. */
  cwd: z.string(),
  /** Some output was dropped from the middle (see `SHELL_LIMITS.keptOutputBytes`). */
  truncated: z.boolean(),
  /** Set when the shell had to be started afresh: its folder and variables are the defaults again. */
  note: z.string().optional(),
});
export type ShellResult = z.infer<typeof ShellResult>;

/** The sandbox every command and file operation of one workspace runs in. */
export const SandboxParams = z
  .object({
    /** Real paths of the workspace roots, bound read-write; the first is where a shell starts. */
    roots: z.array(z.string().min(1)).min(1).max(16),
    network: z.boolean(),
    extraWritable: z.array(z.string().min(1)).max(32),
    extraReadable: z.array(z.string().min(1)).max(32),
    /** The user's home (an empty private folder inside) and Aura's data folder (never visible inside). */
    home: z.string().min(1),
    dataDir: z.string().min(1),
  })
  .strict();
export type SandboxParams = z.infer<typeof SandboxParams>;

export const ProcessLimit = z.enum(['rlimit', 'cgroup', 'none']);
export type ProcessLimit = z.infer<typeof ProcessLimit>;

/** Readiness: whether commands run in a sandbox, and if not, why every command asks first. */
export const SandboxStatus = z.object({
  sandbox: z.enum(['bubblewrap', 'none']),
  /** Why there is no sandbox, or what is weaker than it should be; null when all is well. */
  reason: z.string().nullable(),
  /** `ask` when there is no sandbox: every command asks first, whatever the profile. */
  approval: z.enum(['profile', 'ask']),
  network: z.enum(['off', 'on']),
  /** Whether the file tools read and write inside the sandbox or, without one, in the host process. */
  files: z.enum(['sandbox', 'host']),
  limits: z.object({
    timeoutMs: z.number().int(),
    outputBytes: z.number().int(),
    /** Processes a sandbox may hold, and what enforces it (`none`: only the time limit stops a fork bomb). */
    processes: z.number().int().nullable(),
    processLimit: ProcessLimit,
  }),
});
export type SandboxStatus = z.infer<typeof SandboxStatus>;

/** What the worker found when it tried the sandbox: the parts of `SandboxStatus` only it can know. */
export const SandboxProbe = z.object({
  sandbox: z.enum(['bubblewrap', 'none']),
  reason: z.string().nullable(),
  files: z.enum(['sandbox', 'host']),
  filesReason: z.string().nullable(),
  processLimit: ProcessLimit,
});
export type SandboxProbe = z.infer<typeof SandboxProbe>;

export const ShellRunParams = z
  .object({
    /** One shell per key: a task id, or the workspace for one-off calls. */
    session: z.string().min(1).max(200),
    sandbox: SandboxParams,
    command: z.string().min(1).max(SHELL_LIMITS.commandChars),
    /** An absolute folder inside a root (the host checked it). */
    cwd: z.string().min(1).optional(),
    timeoutMs: z.number().int().min(SHELL_LIMITS.minTimeoutMs).max(SHELL_LIMITS.maxTimeoutMs),
  })
  .strict();
export type ShellRunParams = z.infer<typeof ShellRunParams>;

/** A piece of a running command's output, as it arrives. */
export const ShellProgress = z.object({ chunk: z.string() });
export type ShellProgress = z.infer<typeof ShellProgress>;

/** A piece of a running tool call's output, pushed to the UI as it arrives (`task.toolOutput`); not stored. */
export const ToolOutputChunk = z.object({ taskId: z.string(), toolCallId: z.string(), chunk: z.string() });
export type ToolOutputChunk = z.infer<typeof ToolOutputChunk>;

/** A file as the sandboxed helper found it: `missing`, a folder, something else, or a file's text. */
export const FileRead = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missing') }),
  z.object({ kind: z.literal('dir') }),
  z.object({ kind: z.literal('other') }),
  z.object({ kind: z.literal('too-big'), size: z.number().int() }),
  z.object({ kind: z.literal('file'), size: z.number().int(), binary: z.boolean(), text: z.string() }),
]);
export type FileRead = z.infer<typeof FileRead>;

export const FileEntry = z.object({ name: z.string(), type: z.enum(['file', 'dir', 'link', 'other']), size: z.number().int().optional() });
export type FileEntry = z.infer<typeof FileEntry>;

/** An operation failed on an errno (`ENOENT`, `ENOTDIR`, `EROFS`…), passed on for the tool to word. */
export const FileErrno = z.object({ errno: z.string() });

const files = <S extends z.ZodRawShape>(extra: S) => z.object({ sandbox: SandboxParams, ...extra }).strict();

/** The VM worker's methods. */
export const VM_METHODS = {
  'vm.probe': { params: z.object({}).strict(), result: SandboxProbe },
  'shell.run': { params: ShellRunParams, result: ShellResult, progress: ShellProgress },
  'shell.close': { params: z.object({ session: z.string().min(1).max(200) }).strict(), result: z.object({ closed: z.boolean() }) },
  'files.read': { params: files({ path: z.string().min(1), maxBytes: z.number().int().positive() }), result: FileRead },
  'files.write': {
    params: files({ path: z.string().min(1), content: z.string() }),
    result: z.union([z.object({ created: z.boolean() }), z.object({ kind: z.literal('dir') }), FileErrno]),
  },
  'files.list': { params: files({ path: z.string().min(1) }), result: z.union([z.object({ entries: z.array(FileEntry) }), FileErrno]) },
  'files.readMany': {
    params: files({ paths: z.array(z.string().min(1)).max(1000), maxBytes: z.number().int().positive() }),
    /** One per path, in order: its text, or null when it is missing, too big, binary or not a file. */
    result: z.object({ texts: z.array(z.string().nullable()) }),
  },
} as const satisfies WorkerMethods;
export type VmMethods = typeof VM_METHODS;
