import { z } from 'zod';
import { SandboxParams } from './vm';
import { ToolRisk } from './tools';
import type { WorkerMethods } from './worker-protocol';

/**
 * MCP (docs/MCP.md): the servers the user added (stdio, run by the MCP worker in the sandbox, or streamable
 * HTTP), their tools joined to the registry as `mcp__<server>__<tool>`, the definitions approved and the
 * changes held until approved again, and the worker's method table (host ↔ worker) that carries a stdio
 * server's messages. Aura's own MCP server (`aura mcp serve`, /v1/mcp) has no schemas here: it speaks the
 * contract's procedures.
 */

export const MCP_LIMITS = {
  /** A stdio message longer than this (one JSON-RPC line) is dropped, with a line in the server's log. */
  messageChars: 8 * 1024 * 1024,
  /** Lines of a server's stderr (and Aura's notes about it) kept for the log view. */
  logLines: 500,
  /** A log line is cut to this many characters. */
  logLineChars: 2_000,
  /** Lines of stderr relayed per second at most; the rest are counted, not kept. */
  logLinesPerSecond: 200,
  /** How long a request may go without an answer (or progress) before it fails. */
  defaultTimeoutMs: 60_000,
  minTimeoutMs: 1_000,
  maxTimeoutMs: 3_600_000,
  /** A tool call's whole time, however much progress it reports. */
  maxCallMs: 3_600_000,
  /** How long `mcp.add` waits for a new server's tools, to show them and approve them with the add. */
  addWaitMs: 30_000,
  /** Restart back-off after a crash: doubles from the first to the last. */
  restartMinMs: 1_000,
  restartMaxMs: 60_000,
  /** Characters of a tool's description the model and the UI get. */
  descriptionChars: 4_000,
  /** Characters of a resource's text a task may be sent with. */
  resourceChars: 500_000,
} as const;

/** A server's name: what the user types (`aura mcp approve NAME`) and the middle of its tools' names. */
export const McpServerName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'use 1 to 40 letters, digits, "-" and "_", starting with a letter or digit');

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'is not a variable name');
const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'is not a header name');
const AbsolutePath = z.string().min(2).max(4096).refine((path) => path.startsWith('/') && !path.includes('\0'), 'must be an absolute path');
const HttpUrl = z.url({ protocol: /^https?$/ }).max(4096);

/** A server run from a command line on this machine, speaking MCP on its stdin and stdout. */
export const McpStdioConfig = z
  .object({
    kind: z.literal('stdio'),
    command: z.array(z.string().min(1).max(4096)).min(1).max(100),
    /** The variables the user set for it; the rest of its environment is the sandbox's own, never the host's. */
    env: z.record(EnvName, z.string().max(8192)),
    /** False only when the user granted it to run outside the sandbox (`--sandbox off`). */
    sandbox: z.boolean(),
    /** Whether it may reach the network (the sandbox's own loopback only, otherwise). */
    network: z.boolean(),
    /** Folders it may read, and write, besides its own folder (the program's folder is readable from the start). */
    readable: z.array(AbsolutePath).max(32),
    writable: z.array(AbsolutePath).max(32),
  })
  .strict();

/** A server at a URL, over streamable HTTP (or the older HTTP+SSE transport when that is all it speaks). */
export const McpHttpConfig = z
  .object({
    kind: z.literal('http'),
    url: HttpUrl,
    /** Sent with every request (an API key the server asked for); values are secrets. */
    headers: z.record(HeaderName, z.string().max(8192)),
  })
  .strict();

export const McpTransportConfig = z.discriminatedUnion('kind', [McpStdioConfig, McpHttpConfig]);
export type McpTransportConfig = z.infer<typeof McpTransportConfig>;

export const McpServerConfig = z
  .object({
    name: McpServerName,
    transport: McpTransportConfig,
    enabled: z.boolean(),
    /** How long a request may go without an answer or progress. */
    timeoutMs: z.number().int().min(MCP_LIMITS.minTimeoutMs).max(MCP_LIMITS.maxTimeoutMs),
  })
  .strict();
export type McpServerConfig = z.infer<typeof McpServerConfig>;

export const McpServerStatus = z.enum(['disabled', 'starting', 'ready', 'needs_auth', 'restarting', 'failed']);
export type McpServerStatus = z.infer<typeof McpServerStatus>;

/** What an MCP tool's definition is made of: what is hashed on approval, and what a change is shown from. */
export const McpToolDefinition = z.object({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: z.record(z.string(), z.unknown()),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});
export type McpToolDefinition = z.infer<typeof McpToolDefinition>;

export const McpTool = z.object({
  /** Its name in Aura: `mcp__<server>__<tool>`. */
  name: z.string(),
  /** Its name on the server. */
  mcpName: z.string(),
  title: z.string().nullable(),
  /** Untrusted text, written by the server: shown as text, never as markup or instructions. */
  description: z.string(),
  risk: ToolRisk,
  /** `held`: new or changed since the user approved this server's tools; not callable until approved. */
  state: z.enum(['approved', 'held']),
  inputSchema: z.record(z.string(), z.unknown()),
});
export type McpTool = z.infer<typeof McpTool>;

/** A definition that differs from the approved one: a new tool, or a changed one, with a unified diff. */
export const McpPendingChange = z.object({
  tool: z.string(),
  kind: z.enum(['new', 'changed']),
  /** What approving this exact definition takes (`mcp.approve` with `hashes`). */
  hash: z.string(),
  diff: z.string(),
});
export type McpPendingChange = z.infer<typeof McpPendingChange>;

export const McpResource = z.object({
  uri: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  mimeType: z.string().nullable(),
});
export type McpResource = z.infer<typeof McpResource>;

export const McpPrompt = z.object({
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  arguments: z.array(z.object({ name: z.string(), description: z.string().nullable(), required: z.boolean() })),
});
export type McpPrompt = z.infer<typeof McpPrompt>;

/** A server as the Plugins page and `aura mcp list` show it: secrets (variables, headers) by name only. */
export const McpServerInfo = z.object({
  name: z.string(),
  enabled: z.boolean(),
  kind: z.enum(['stdio', 'http']),
  /** The exact command line (stdio), or null. */
  command: z.array(z.string()).nullable(),
  url: z.string().nullable(),
  envNames: z.array(z.string()),
  headerNames: z.array(z.string()),
  sandbox: z.boolean(),
  network: z.boolean(),
  readable: z.array(z.string()),
  writable: z.array(z.string()),
  timeoutMs: z.number().int(),
  status: McpServerStatus,
  /** What went wrong last (the server crashed, did not answer, refused the token), with what to do. */
  error: z.string().nullable(),
  /** The address to open to let the server in (OAuth), while `status` is `needs_auth`. */
  authUrl: z.string().nullable(),
  /** What the server says it is (untrusted). */
  serverName: z.string().nullable(),
  serverVersion: z.string().nullable(),
  restarts: z.number().int(),
  tools: z.array(McpTool),
  pending: z.array(McpPendingChange),
  resources: z.array(McpResource),
  prompts: z.array(McpPrompt),
});
export type McpServerInfo = z.infer<typeof McpServerInfo>;

const ServerRef = z.object({ name: McpServerName }).strict();

/** `aura mcp add NAME [--env K=V]… -- COMMAND [ARGS…]` or `aura mcp add NAME --url URL [--header 'K: V']…`. */
export const McpAddInput = z
  .object({
    name: McpServerName,
    command: z.array(z.string().min(1).max(4096)).min(1).max(100).optional(),
    url: z.string().trim().max(4096).optional().describe('The server\'s streamable HTTP (or SSE) address'),
    env: z.array(z.string().max(8200)).max(100).default([]).describe('KEY=VALUE for the server, repeated'),
    header: z.array(z.string().max(8400)).max(50).default([]).describe("'Name: value' sent to a --url server, repeated"),
    sandbox: z.enum(['on', 'off']).default('on').describe('off: run it outside the sandbox, with your rights (only a server you trust)'),
    network: z.boolean().default(false).describe('Let it reach the network (npx and uvx servers need it to download themselves)'),
    read: z.array(z.string().min(1).max(4096)).max(32).default([]).describe('A folder it may read, repeated'),
    write: z.array(z.string().min(1).max(4096)).max(32).default([]).describe('A folder it may write, repeated'),
    timeoutMs: z.number().int().min(MCP_LIMITS.minTimeoutMs).max(MCP_LIMITS.maxTimeoutMs).optional().describe('How long a call may go without an answer or progress (default 60000)'),
    /** The folder relative paths of the command line are resolved from (the CLI's current folder). */
    cwd: AbsolutePath.optional().describe('Where relative paths in the command are from (the CLI: the current folder)'),
  })
  .strict();
export type McpAddInput = z.infer<typeof McpAddInput>;

export const McpImportInput = z
  .object({
    /** A file holding `{"mcpServers": {…}}` (Claude Desktop, Cursor) or `{"servers": {…}}` (VS Code). */
    path: z.string().min(1).max(4096).optional(),
    /** The same JSON as text (pasted in the window). */
    json: z.string().max(1_000_000).optional(),
  })
  .strict();

export const McpImportResult = z.object({
  added: z.array(McpServerInfo),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type McpImportResult = z.infer<typeof McpImportResult>;

export const McpApproveResult = z.object({
  server: McpServerInfo,
  /** What was approved, as it was shown: new and changed definitions with their diffs. */
  approved: z.array(McpPendingChange),
});
export type McpApproveResult = z.infer<typeof McpApproveResult>;

export const McpResourceContents = z.object({
  uri: z.string(),
  mimeType: z.string().nullable(),
  /** The text of a text resource; binary contents are described, not carried. */
  text: z.string(),
});
export type McpResourceContents = z.infer<typeof McpResourceContents>;

export const McpPromptMessages = z.object({
  description: z.string().nullable(),
  /** The prompt's messages as text, role first. */
  text: z.string(),
});

const TaskPlace = {
  workspaceId: z.string().uuid().optional(),
  workspacePath: z.string().min(1).max(4096).optional(),
};

/** A procedure of MCP: the owner's only (the window and the CLI). */
const ownerProcedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string, cli: { name?: string; args?: readonly string[]; follow?: boolean } | false) => ({ input, output, summary, access: 'owner' as const, cli });

/** MCP's procedures, spread into the contract's table. */
export const MCP_PROCEDURES = {
  'mcp.list': ownerProcedure(z.object({}).strict(), z.array(McpServerInfo), 'The MCP servers, their status, tools and changes waiting for approval', { name: 'mcp list' }),
  'mcp.add': ownerProcedure(McpAddInput, McpServerInfo, 'Add an MCP server: aura mcp add NAME [--env K=V] -- COMMAND [ARGS], or --url URL [--header "K: V"]', { name: 'mcp add', args: ['name', 'command...'] }),
  'mcp.remove': ownerProcedure(ServerRef, z.object({ removed: z.boolean() }), 'Remove an MCP server (its tools go with it)', { name: 'mcp remove', args: ['name'] }),
  'mcp.restart': ownerProcedure(ServerRef, McpServerInfo, 'Restart an MCP server now', { name: 'mcp restart', args: ['name'] }),
  'mcp.enable': ownerProcedure(ServerRef, McpServerInfo, 'Start an MCP server that was turned off', { name: 'mcp enable', args: ['name'] }),
  'mcp.disable': ownerProcedure(ServerRef, McpServerInfo, 'Stop an MCP server and withdraw its tools, keeping its settings', { name: 'mcp disable', args: ['name'] }),
  'mcp.approve': ownerProcedure(
    z.object({ name: McpServerName, hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(1000).optional() }).strict(),
    McpApproveResult,
    'Approve the new and changed tool definitions of an MCP server (shown as a diff)',
    { name: 'mcp approve', args: ['name'] },
  ),
  'mcp.import': ownerProcedure(McpImportInput, McpImportResult, 'Add the servers of an mcpServers JSON file (Claude Desktop, Cursor, VS Code)', { name: 'mcp import', args: ['path'] }),
  'mcp.logs': ownerProcedure(ServerRef, z.object({ lines: z.array(z.string()) }), 'The last lines an MCP server wrote to stderr, and what happened to it', { name: 'mcp logs', args: ['name'] }),
  'mcp.resources.read': ownerProcedure(z.object({ name: McpServerName, uri: z.string().min(1).max(8192) }).strict(), McpResourceContents, 'Read one resource of an MCP server', { name: 'mcp resource read', args: ['name', 'uri'] }),
  'mcp.resources.attach': ownerProcedure(
    z.object({ name: McpServerName, uri: z.string().min(1).max(8192), goal: z.string().trim().min(1).max(8000), ...TaskPlace }).strict(),
    z.object({ taskId: z.string() }),
    'Start a task with an MCP resource attached (as untrusted content)',
    { name: 'mcp resource attach', args: ['name', 'uri', 'goal...'] },
  ),
  'mcp.prompts.get': ownerProcedure(
    z.object({ name: McpServerName, prompt: z.string().min(1).max(200), arguments: z.record(z.string(), z.string().max(100_000)).default({}) }).strict(),
    McpPromptMessages,
    'Fill in one prompt of an MCP server',
    { name: 'mcp prompt show', args: ['name', 'prompt'] },
  ),
  'mcp.prompts.run': ownerProcedure(
    z.object({ name: McpServerName, prompt: z.string().min(1).max(200), arguments: z.record(z.string(), z.string().max(100_000)).default({}), ...TaskPlace }).strict(),
    z.object({ taskId: z.string() }),
    'Start a task from one prompt of an MCP server',
    { name: 'mcp prompt run', args: ['name', 'prompt'] },
  ),
} as const;

/** MCP's events, spread into the contract's table. */
export const MCP_EVENTS = {
  /** A server was added, removed, started, stopped, or its tools or pending changes changed (the Plugins page refreshes). */
  'mcp.changed': z.object({ name: z.string() }),
} as const;

/** The MCP worker: src/workers/mcp/main.ts, built to dist/workers/mcp.js. It runs stdio servers, each in its sandbox. */
export const MCP_WORKER = 'mcp';

const Session = z.string().min(1).max(200);

/** What the worker relays of a running server: whole stdout lines (its messages) and stderr lines (its log). */
export const McpServerOutput = z.object({
  /** Sent once, when the process is running. */
  started: z.boolean().optional(),
  messages: z.array(z.string()).optional(),
  log: z.array(z.string()).optional(),
});
export type McpServerOutput = z.infer<typeof McpServerOutput>;

export const MCP_WORKER_METHODS = {
  /** Starts a server and runs as long as it does: its output comes as progress, its end as the result. */
  'mcp.run': {
    params: z
      .object({
        session: Session,
        /** The server's own folder is the first root (its working folder); the rest is the user's grants. */
        sandbox: SandboxParams,
        /** False: the user granted it to run outside the sandbox. */
        sandboxed: z.boolean(),
        command: z.array(z.string().min(1)).min(1).max(100),
        env: z.record(z.string(), z.string()),
      })
      .strict(),
    result: z.object({ code: z.number().int().nullable(), signal: z.string().nullable() }),
    progress: McpServerOutput,
  },
  /** Writes messages (one JSON-RPC message a line) to a running server's stdin. */
  'mcp.send': { params: z.object({ session: Session, messages: z.array(z.string()).min(1) }).strict(), result: z.object({ sent: z.boolean() }) },
} as const satisfies WorkerMethods;
