import { z } from 'zod';
import { DetectedProvider } from './providers';
import { SettingChange, SettingKey, Settings } from './settings';
import { TaskHistoryInput, TaskOverview, TaskOverviewInput, TimelinePage, ToolCallOutput, ToolCallOutputInput } from './task-history';
import { CreateTaskInput, ModelCallRecord, ReviewRecord, Task, TaskMessage, TaskStatus, TaskStep, TokenDelta, ToolCallRecord, Usage } from './tasks';
import type { Access } from './auth';
import { ToolInfo } from './tools';
import { SandboxStatus, ToolOutputChunk } from './vm';
import { Readiness } from './readiness';
import { TerminalCloseInput, TerminalData, TerminalExit, TerminalOpened, TerminalOpenInput, TerminalResizeInput, TerminalWriteInput } from './terminal';
import { COMPUTER_EVENTS, COMPUTER_PROCEDURES } from './computer';
import { browserEvents, browserProcedures } from './browser';
import { BridgeClient, BridgeStatus, ClientName, PagesSendInput, PairingCode, PendingPairing, Scopes } from './bridge';
import { MCP_EVENTS, MCP_PROCEDURES } from './mcp';
import { VAULT_PROCEDURES } from './vault';
import { PROVIDER_ACCOUNT_PROCEDURES } from './provider-accounts';
import { APPROVAL_PREVIEW_PROCEDURE, ApprovalAnswer, PROFILE_PROCEDURES } from './permissions';

/** What the hosts derive from a procedure besides its validation: access, CLI command and REST route. */
export interface ProcedureMeta {
  /** One line, for `aura --help` and the OpenAPI document. */
  summary: string;
  /** Who may call it (checked by the dispatcher, in core/auth). */
  access: Access;
  /**
   * The CLI command (`aura <words> [ARGS] [--field value]`). By default the procedure's name in words
   * (`tasks.list` → `tasks list`); `args` are input fields taken by position (`...` takes the rest); `follow`
   * prints the task's progress live until it stops. `false`: not a command (the terminal's keystrokes).
   */
  cli?: {
    name?: string;
    args?: readonly string[];
    follow?: boolean;
    /** Fields never taken from argv (passwords, secret values): the CLI asks for them or reads stdin/env. */
    secret?: readonly string[];
  } | false;
  /** The bridge's REST route under /v1 (path parameters are input fields); none: not on the bridge. */
  http?: { method: 'GET' | 'POST' | 'DELETE'; path: string };
}

/**
 * The one contract. Every procedure and event is declared here once; the dispatcher, both hosts,
 * the preload and the renderer client are all derived from these tables.
 */
const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, meta: ProcedureMeta) => ({ input, output, ...meta });
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
  /**
   * The signed checkpoint (SECURITY.md, Audit trail): `verified` (its entries are as signed), `failed` (the trail
   * lost, changed or gained entries it should not have), `unchecked` (vault locked: not authenticated), `none`.
   */
  checkpoint: z
    .object({ state: z.enum(['verified', 'failed', 'unchecked', 'none']), count: z.number().int().nonnegative().nullable(), uncovered: z.number().int().nonnegative(), message: z.string() })
    .optional(),
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

const TaskId = z.object({ id: z.string().uuid() }).strict();

export const HostInfo = z.object({
  /** `desktop`: the Electron app; `headless`: `npm start` with its UI; `background`: started by the CLI, no UI, exits when idle. */
  kind: z.enum(['desktop', 'headless', 'background']),
  pid: z.number().int(),
  version: z.string(),
  startedAt: z.string(),
  /** The UI's address (with its launch token); null for a background host. */
  url: z.string().nullable(),
  /** The bridge's address, when it is on. */
  bridgeUrl: z.string().nullable(),
  /** A background host exits after this long without a client; null: it stays until stopped. */
  idleExitMs: z.number().int().nullable(),
});
export type HostInfo = z.infer<typeof HostInfo>;

export const ToolCallInput = z
  .object({
    name: z.string().min(1).max(200),
    input: z.unknown().optional(),
    /** The folder the tool works in (the CLI's --workspace, else its current folder). */
    workspacePath: z.string().min(1).max(4096),
    /** The user said yes up front (`--yes`): calls that would ask are allowed. */
    approved: z.boolean().default(false),
    /** The user answered this very call's question yes (on the terminal). */
    confirmed: z.boolean().default(false),
  })
  .strict();

export const procedures = {
  'app.info': procedure(Empty, z.object({ name: z.string(), version: z.string(), host: z.enum(['electron', 'headless']) }), { summary: 'The app name, version and host', access: 'any', http: { method: 'GET', path: '/info' } }),
  'host.info': procedure(Empty, HostInfo, { summary: 'The running host: its kind, pid, addresses', access: 'owner', cli: { name: 'host status' } }),
  'host.stop': procedure(Empty, z.object({ stopping: z.boolean() }), { summary: 'Stop the running host (running tasks are left interrupted, to resume)', access: 'owner', cli: false }),
  'settings.getAll': procedure(Empty, Settings, { summary: 'Every setting', access: 'owner', cli: { name: 'settings list' } }),
  'settings.get': procedure(z.object({ key: SettingKey }).strict(), z.object({ key: SettingKey, value: z.unknown() }), { summary: 'One setting', access: 'owner', cli: { args: ['key'] } }),
  'settings.set': procedure(SettingChange, Settings, { summary: 'Change a setting (audited), e.g. aura settings set theme dark', access: 'owner', cli: { args: ['key', 'value'] } }),
  'workspaces.list': procedure(Empty, z.array(Workspace), { summary: 'The workspaces', access: 'tasks:read', http: { method: 'GET', path: '/workspaces' } }),
  'workspaces.add': procedure(z.object({ path: trimmed(4096), name: trimmed(120).optional() }).strict(), Workspace, { summary: 'Add a folder as a workspace', access: 'owner', cli: { args: ['path', 'name'] } }),
  'workspaces.remove': procedure(z.object({ id: z.string().uuid() }).strict(), z.object({ removed: z.boolean() }), { summary: 'Forget a workspace (its files stay)', access: 'owner', cli: { args: ['id'] } }),
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
    { summary: 'The audit trail, newest first', access: 'owner' },
  ),
  'audit.actions': procedure(Empty, z.array(z.string()), { summary: 'The kinds of action the audit trail holds', access: 'owner' }),
  'audit.verify': procedure(Empty, AuditVerdict, { summary: 'Check the audit chain; exit 1 names the first bad entry', access: 'owner' }),
  'diagnostics.get': procedure(Empty, Diagnostics, { summary: 'Data folder, database health, versions', access: 'owner', cli: { name: 'status' } }),
  'backup.create': procedure(z.object({ path: trimmed(4096) }).strict(), z.object({ path: z.string(), bytes: z.number().int() }), { summary: 'Write an online backup of the database to a file', access: 'owner', cli: { name: 'backup', args: ['path'] } }),
  'tasks.create': procedure(CreateTaskInput, Task, { summary: 'Plan, run and review a task; exits 0 only when it is done', access: 'tasks:write', cli: { name: 'run', args: ['goal...'], follow: true }, http: { method: 'POST', path: '/tasks' } }),
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
    { summary: 'Tasks, newest first', access: 'tasks:read', http: { method: 'GET', path: '/tasks' } },
  ),
  /** The task, its plan and the newest page of its timeline, tool outputs as previews. */
  'tasks.get': procedure(TaskOverviewInput, TaskOverview, { summary: 'The whole history of a task', access: 'tasks:read', cli: { name: 'tasks show', args: ['id'] }, http: { method: 'GET', path: '/tasks/:id' } }),
  /** The page of the timeline before a cursor `tasks.get` or an earlier page returned. */
  'tasks.history': procedure(TaskHistoryInput, TimelinePage, { summary: 'An older page of a task\'s timeline', access: 'tasks:read', cli: false, http: { method: 'GET', path: '/tasks/:id/history' } }),
  /** The whole output of one tool call, whose page showed a preview. */
  'tasks.toolCallOutput': procedure(ToolCallOutputInput, ToolCallOutput, { summary: 'The whole output of one tool call', access: 'tasks:read', cli: { name: 'tasks output', args: ['id'] }, http: { method: 'GET', path: '/tool-calls/:id/output' } }),
  'tasks.cancel': procedure(TaskId, Task, { summary: 'Cancel a task', access: 'tasks:write', cli: { args: ['id'] }, http: { method: 'POST', path: '/tasks/:id/cancel' } }),
  'tasks.resume': procedure(TaskId, Task, { summary: 'Go on with an interrupted, paused or failed task, live', access: 'tasks:write', cli: { args: ['id'], follow: true }, http: { method: 'POST', path: '/tasks/:id/resume' } }),
  'approvals.list': procedure(Empty, z.array(ToolCallRecord), { summary: 'Tool calls waiting for an answer', access: 'approvals', http: { method: 'GET', path: '/approvals' } }),
  /** once: run it; task: and every later call of the tool in this task; always: add an allow rule; deny: refuse, with a note. */
  'approvals.answer': procedure(ApprovalAnswer, ToolCallRecord, { summary: 'Answer a waiting tool call: once, task, always or deny [--note why]', access: 'approvals', cli: { args: ['toolCallId', 'decision'] }, http: { method: 'POST', path: '/approvals/:toolCallId' } }),
  ...APPROVAL_PREVIEW_PROCEDURE,
  'tools.list': procedure(Empty, z.array(ToolInfo), { summary: 'The tools the agent can use', access: 'owner' }),
  'tools.call': procedure(ToolCallInput, z.object({ output: z.unknown() }), { summary: 'Run one tool through the permission gate and audit', access: 'owner', cli: { args: ['name', 'input'] } }),
  /** Readiness: whether shell commands run in a sandbox, and if not, why each one asks first. */
  'vm.status': procedure(Empty, SandboxStatus, { summary: 'Whether shell commands run in a sandbox', access: 'owner' }),
  /** Readiness: each capability (sandbox, Chromium, X display, local model runtime), with the fix when missing. */
  'readiness.get': procedure(z.object({ refresh: z.boolean().optional() }).strict(), Readiness, { summary: 'What this machine can do, with the fix for what is missing', access: 'owner' }),
  /** The workspace's terminal: started in its sandbox, or the running one with its scrollback to replay. */
  'terminal.open': procedure(TerminalOpenInput, TerminalOpened, { summary: 'Open a workspace terminal', access: 'owner', cli: false }),
  'terminal.write': procedure(TerminalWriteInput, z.object({ written: z.boolean() }), { summary: 'Type into a terminal', access: 'owner', cli: false }),
  'terminal.resize': procedure(TerminalResizeInput, z.object({ resized: z.boolean() }), { summary: 'Resize a terminal', access: 'owner', cli: false }),
  'terminal.close': procedure(TerminalCloseInput, z.object({ closed: z.boolean() }), { summary: 'Close a terminal', access: 'owner', cli: false }),
  /** `urls`: more addresses on this machine to look for a server at (custom ports), beside the usual ones. */
  'providers.detect': procedure(z.object({ urls: z.array(z.string().trim().min(1).max(500)).max(8).optional() }).strict(), z.array(DetectedProvider), { summary: 'Model providers found on this machine', access: 'owner' }),
  'usage.summary': procedure(Empty, z.object({ total: Usage, running: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }), { summary: 'Tokens and cost so far', access: 'owner' }),
  ...COMPUTER_PROCEDURES,
  ...browserProcedures,
  ...MCP_PROCEDURES,
  ...VAULT_PROCEDURES,
  ...PROVIDER_ACCOUNT_PROCEDURES,
  ...PROFILE_PROCEDURES,
  // The bridge (docs/BRIDGE.md): paired clients, script tokens, pairing requests, and pages sent from the browser.
  'bridge.status': procedure(Empty, BridgeStatus, { summary: 'Whether the bridge is on, and its address', access: 'owner' }),
  'bridge.clients.list': procedure(Empty, z.array(BridgeClient), { summary: 'Paired clients and script tokens', access: 'owner', cli: { name: 'bridge token list' } }),
  'bridge.tokens.create': procedure(z.object({ name: ClientName, scopes: Scopes }).strict(), z.object({ token: z.string(), client: BridgeClient }), { summary: 'Make a token for a script; it is printed once', access: 'owner', cli: { name: 'bridge token create' } }),
  'bridge.clients.revoke': procedure(z.object({ name: z.string().min(1).max(200) }).strict(), z.object({ revoked: z.boolean() }), { summary: 'Revoke a client or token (from its next request)', access: 'owner', cli: { name: 'bridge token revoke', args: ['name'] } }),
  'bridge.pairings.list': procedure(Empty, z.array(PendingPairing), { summary: 'Pairing requests waiting for an answer', access: 'owner', cli: { name: 'bridge pair list' } }),
  'bridge.pairings.approve': procedure(z.object({ code: PairingCode, scopes: Scopes.optional() }).strict(), BridgeClient, { summary: 'Approve a pairing request by its code (optionally with fewer scopes)', access: 'owner', cli: { name: 'bridge pair approve', args: ['code'] } }),
  'bridge.pairings.deny': procedure(z.object({ code: PairingCode }).strict(), z.object({ denied: z.boolean() }), { summary: 'Refuse a pairing request', access: 'owner', cli: { name: 'bridge pair deny', args: ['code'] } }),
  'pages.send': procedure(PagesSendInput, Task, { summary: 'Start a task about a web page (its text goes to the agent as untrusted content)', access: 'pages:send', cli: false, http: { method: 'POST', path: '/pages' } }),
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
  ...COMPUTER_EVENTS,
  ...browserEvents,
  ...MCP_EVENTS,
  /** Paired clients or pending pairing requests changed (the Extensions page refreshes). */
  'bridge.changed': z.object({}),
  /** The vault was created, unlocked, locked (asked, idle, sleep) or its items changed: ask `vault.status` again. */
  'vault.changed': z.object({}),
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
