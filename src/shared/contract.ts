import { z } from 'zod';
import { DetectedProvider } from './providers';
import { SettingChange, Settings } from './settings';
import { TaskHistoryInput, TaskOverview, TaskOverviewInput, TimelinePage, ToolCallOutput, ToolCallOutputInput } from './task-history';
import { CreateTaskInput, ModelCallRecord, ReviewRecord, Task, TaskMessage, TaskStatus, TaskStep, TokenDelta, ToolCallRecord, Usage } from './tasks';
import { ToolInfo } from './tools';
import { SandboxStatus, ToolOutputChunk } from './vm';
import { Readiness } from './readiness';
import { TerminalCloseInput, TerminalData, TerminalExit, TerminalOpened, TerminalOpenInput, TerminalResizeInput, TerminalWriteInput } from './terminal';

/**
 * The one contract. Every procedure and event is declared here once; the dispatcher, both hosts,
 * the preload and the renderer client are all derived from these tables.
 */
const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const Empty = z.object({}).strict();

export const Workspace = z.object({
  id: z.string().uuid(),
  name: z.string(),
  path: z.string(),
  createdAt: z.string(),
});
export type Workspace = z.infer<typeof Workspace>;

export const AuditEntry = z.object({
  seq: z.number().int().positive(),
  ts: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditVerdict = z.object({
  ok: z.boolean(),
  count: z.number().int().nonnegative(),
  head: z.string().nullable(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerdict = z.infer<typeof AuditVerdict>;

export const Diagnostics = z.object({
  app: z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'headless']) }),
  runtime: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chromium: z.string().nullable(),
    sqlite: z.string(),
    platform: z.string(),
    arch: z.string(),
  }),
  paths: z.object({ home: z.string(), database: z.string(), logs: z.string(), backups: z.string() }),
  database: z.object({
    sizeBytes: z.number().int().nonnegative(),
    schemaVersion: z.number().int(),
    integrity: z.string(),
    checkedAt: z.string(),
  }),
  uptimeSeconds: z.number().nonnegative(),
  recentLogs: z.array(z.string()),
});
export type Diagnostics = z.infer<typeof Diagnostics>;

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const procedures = {
  'app.info': procedure(Empty, z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'headless']) })),
  'settings.getAll': procedure(Empty, Settings),
  'settings.set': procedure(SettingChange, Settings),
  'workspaces.list': procedure(Empty, z.array(Workspace)),
  'workspaces.add': procedure(z.object({ name: trimmed(120), path: trimmed(4096) }).strict(), Workspace),
  'workspaces.remove': procedure(z.object({ id: z.string().uuid() }).strict(), z.object({ removed: z.boolean() })),
  'audit.list': procedure(
    z
      .object({
        page: z.number().int().min(1).max(1_000_000).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
        action: z.string().max(100).optional(),
        query: z.string().max(200).optional(),
      })
      .strict(),
    z.object({ entries: z.array(AuditEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  ),
  'audit.actions': procedure(Empty, z.array(z.string())),
  'audit.verify': procedure(Empty, AuditVerdict),
  'diagnostics.get': procedure(Empty, Diagnostics),
  'tasks.create': procedure(CreateTaskInput, Task),
  'tasks.list': procedure(
    z
      .object({
        status: TaskStatus.optional(),
        /** Only tasks that have not stopped (planning, running, waiting for approval, reviewing). */
        active: z.boolean().optional(),
        query: z.string().max(200).optional(),
        page: z.number().int().min(1).max(1_000_000).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.object({ tasks: z.array(Task), total: z.number().int() }),
  ),
  /** The task, its plan and the newest page of its timeline, tool outputs as previews. */
  'tasks.get': procedure(TaskOverviewInput, TaskOverview),
  /** The page of the timeline before a cursor `tasks.get` or an earlier page returned. */
  'tasks.history': procedure(TaskHistoryInput, TimelinePage),
  /** The whole output of one tool call, whose page showed a preview. */
  'tasks.toolCallOutput': procedure(ToolCallOutputInput, ToolCallOutput),
  'tasks.cancel': procedure(z.object({ id: z.string().uuid() }).strict(), Task),
  'tasks.resume': procedure(z.object({ id: z.string().uuid() }).strict(), Task),
  'approvals.answer': procedure(z.object({ toolCallId: z.string().uuid(), approve: z.boolean() }).strict(), ToolCallRecord),
  'tools.list': procedure(Empty, z.array(ToolInfo)),
  /** Readiness: whether shell commands run in a sandbox, and if not, why each one asks first. */
  'vm.status': procedure(Empty, SandboxStatus),
  /** Readiness: each capability (sandbox, Chromium, X display, local model runtime), with the fix when missing. */
  'readiness.get': procedure(z.object({ refresh: z.boolean().optional() }).strict(), Readiness),
  /** The workspace's terminal: started in its sandbox, or the running one with its scrollback to replay. */
  'terminal.open': procedure(TerminalOpenInput, TerminalOpened),
  'terminal.write': procedure(TerminalWriteInput, z.object({ written: z.boolean() })),
  'terminal.resize': procedure(TerminalResizeInput, z.object({ resized: z.boolean() })),
  'terminal.close': procedure(TerminalCloseInput, z.object({ closed: z.boolean() })),
  'providers.detect': procedure(Empty, z.array(DetectedProvider)),
  'usage.summary': procedure(Empty, z.object({ total: Usage, running: z.number().int(), byStatus: z.record(z.string(), z.number().int()) })),
} as const;

export const events = {
  'settings.changed': Settings,
  'workspaces.changed': z.array(Workspace),
  'audit.appended': AuditEntry,
  'task.updated': Task,
  'task.step': TaskStep,
  'task.message': TaskMessage,
  'task.token': TokenDelta,
  'task.toolCall': ToolCallRecord,
  /** Output of a running tool call (the shell) as it arrives; the call's record gets all of it when it ends. */
  'task.toolOutput': ToolOutputChunk,
  'task.review': ReviewRecord,
  'task.modelCall': ModelCallRecord,
  /** A terminal's output (its shell's, and the agent's commands in its workspace), batched per ~16 ms. */
  'terminal.data': TerminalData,
  'terminal.exit': TerminalExit,
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ProcedureInput<K extends ProcedureName> = z.input<Procedures[K]['input']>;
export type ProcedureArgs<K extends ProcedureName> = z.output<Procedures[K]['input']>;
export type ProcedureOutput<K extends ProcedureName> = z.output<Procedures[K]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

export const procedureNames = Object.keys(procedures) as ProcedureName[];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && Object.hasOwn(procedures, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
