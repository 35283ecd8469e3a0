import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AuraError } from '../../shared/errors';
import { MCP_LIMITS, MCP_WORKER, MCP_WORKER_METHODS, type McpAddInput, type McpApproveResult, type McpImportResult, type McpPendingChange, type McpServerConfig, type McpServerInfo, type McpToolDefinition } from '../../shared/mcp';
import type { AuditLog, AuditRecord } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { isSecretName, registerSecret } from '../secrets/secret-values';
import type { SettingsService } from '../settings/settings-service';
import type { ToolRegistry } from '../tools/tool-registry';
import type { WorkerClient } from '../workers/worker-client';
import type { WorkerPool } from '../workers/worker-pool';
import { parseServersFile } from '../../shared/mcp-import';
import type { McpConnection } from './mcp-connection';
import type * as RuntimeModule from './mcp-runtime';
import { McpOAuthProvider, OAuthCallbacks } from './mcp-oauth';
import type { McpStore } from './mcp-store';
import { configFromInput } from './server-config';
import { auraToolNames, reviewTools, riskOf, serverPrefix, untrustedText, type ToolReview } from './tool-definitions';

export interface McpServiceDeps {
  store: McpStore;
  audit: AuditLog;
  registry: ToolRegistry;
  events: EventBus;
  workers: WorkerPool;
  settings: SettingsService;
  logger: Logger;
  version: string;
  /** Aura's data folder (each server's own folder is under it) and the user's home (empty in a sandbox). */
  dataDir: string;
  home: string;
  /** Variables for the MCP worker besides the allowlisted ones (tests: `AURA_VM_SANDBOX=none`). */
  workerEnv?: Record<string, string>;
}

/** The SDK side, loaded with the first server: it costs most of a second to load, and most hosts have no server. */
type Runtime = typeof RuntimeModule;

interface Server {
  config: McpServerConfig;
  connection: McpConnection | null;
  /** Aura names of the tools registered now, with the hash they were registered at. */
  registered: Map<string, { hash: string; unregister: () => void }>;
  review: ToolReview;
  names: Map<string, string>;
  emitTimer: NodeJS.Timeout | undefined;
}

const key = (name: string) => name.toLowerCase();

/**
 * The MCP servers the user added: their configs and approvals (McpStore), a connection each (McpConnection,
 * started at launch for the enabled ones), and their approved tools in the registry as `mcp__<server>__<tool>`.
 * SECURITY: a tool whose definition is not the one the user approved (new, or changed since) is held: it is
 * not registered, so no model is offered it and no profile or --yes can run it, until `approve`.
 */
export class McpService {
  private readonly servers = new Map<string, Server>();
  private runtime: Promise<Runtime> | null = null;
  private loaded: Runtime | null = null;
  private worker: WorkerClient<typeof MCP_WORKER_METHODS> | undefined;
  private readonly oauthProviders = new Map<string, McpOAuthProvider>();
  private callbacks: OAuthCallbacks | null = null;
  private closed = false;

  constructor(private readonly deps: McpServiceDeps) {
    for (const config of deps.store.servers()) {
      registerConfigSecrets(config);
      this.servers.set(key(config.name), { config, connection: null, registered: new Map(), review: { approved: [], pending: [] }, names: new Map(), emitTimer: undefined });
    }
  }

  /** Starts every enabled server (the host calls this once it serves). */
  startAll(): void {
    for (const server of this.servers.values()) if (server.config.enabled) void this.launch(server);
  }

  list(): McpServerInfo[] {
    return [...this.servers.values()].map((server) => this.info(server));
  }

  get(name: string): McpServerInfo {
    return this.info(this.server(name));
  }

  /** Adding is consent to launch: the server starts, and the tools it lists first are approved, and shown, with the add. */
  async add(input: McpAddInput, actor: string): Promise<McpServerInfo> {
    const config = configFromInput(input, this.deps.home);
    this.checkNewName(config.name);
    registerConfigSecrets(config);
    const entry = this.deps.store.save(config, { actor, action: 'mcp.add', target: config.name, detail: auditDetail(config) }, true);
    this.deps.events.emit('audit.appended', entry);
    const server: Server = { config, connection: null, registered: new Map(), review: { approved: [], pending: [] }, names: new Map(), emitTimer: undefined };
    this.servers.set(key(config.name), server);
    await this.launch(server);
    await server.connection?.settled(MCP_LIMITS.addWaitMs);
    if (server.connection?.status === 'ready' && server.review.pending.length) this.approveNow(server, server.review.pending, actor, 'added');
    return this.info(server);
  }

  async remove(name: string, actor: string): Promise<boolean> {
    const server = this.servers.get(key(name));
    if (!server) return false;
    this.servers.delete(key(name));
    this.withdraw(server);
    this.oauthProviders.delete(key(name));
    await server.connection?.stop();
    const entry = this.deps.store.remove(server.config.name, { actor, action: 'mcp.remove', target: server.config.name, detail: {} });
    if (entry) this.deps.events.emit('audit.appended', entry);
    this.deps.events.emit('mcp.changed', { name: server.config.name });
    return true;
  }

  async restart(name: string, actor: string): Promise<McpServerInfo> {
    const server = this.server(name);
    if (!server.config.enabled) throw new AuraError('CONFLICT', `${server.config.name} is turned off.`, `Turn it on: aura mcp enable ${server.config.name}`);
    this.announce({ actor, action: 'mcp.restart', target: server.config.name, detail: {} });
    if (server.connection) await server.connection.restart();
    else await this.launch(server);
    return this.info(server);
  }

  async setEnabled(name: string, enabled: boolean, actor: string): Promise<McpServerInfo> {
    const server = this.server(name);
    if (server.config.enabled !== enabled) {
      server.config = { ...server.config, enabled };
      this.deps.events.emit('audit.appended', this.deps.store.save(server.config, { actor, action: enabled ? 'mcp.enable' : 'mcp.disable', target: server.config.name, detail: {} }));
    }
    if (enabled) {
      if (!server.connection || server.connection.status === 'disabled' || server.connection.status === 'failed') await this.launch(server);
      await server.connection?.settled(MCP_LIMITS.addWaitMs);
    } else {
      this.withdraw(server);
      await server.connection?.stop();
    }
    return this.info(server);
  }

  /**
   * Approves the server's held definitions: all of them, or (from the window) exactly those with these
   * hashes, so a definition that changed again after the user looked is not approved unseen.
   */
  approve(name: string, hashes: readonly string[] | undefined, actor: string): McpApproveResult {
    const server = this.server(name);
    const pending = server.review.pending;
    const chosen = hashes ? pending.filter((change) => hashes.includes(change.hash)) : pending;
    if (hashes && chosen.length < hashes.length) throw new AuraError('CONFLICT', `Some of ${server.config.name}'s definitions changed again since they were shown.`, 'Look at the changes again, then approve.');
    if (chosen.length) this.approveNow(server, chosen, actor, 'approved');
    return { server: this.info(server), approved: chosen.map(({ tool, kind, hash, diff }) => ({ tool, kind, hash, diff })) };
  }

  async import(input: { path?: string | undefined; json?: string | undefined }, cwd: string | undefined, actor: string): Promise<McpImportResult> {
    if ((input.path === undefined) === (input.json === undefined)) throw new AuraError('INVALID_INPUT', 'Give the file to import (or its JSON).', 'aura mcp import ~/.config/Claude/claude_desktop_config.json');
    let text = input.json ?? '';
    if (input.path !== undefined) {
      try {
        text = readFileSync(input.path, 'utf8');
      } catch (err) {
        throw new AuraError('NOT_FOUND', `${input.path} could not be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
      }
    }
    let parsed;
    try {
      parsed = parseServersFile(text, cwd ?? (input.path !== undefined ? dirname(input.path) : undefined));
    } catch (err) {
      throw new AuraError('INVALID_INPUT', err instanceof Error ? err.message : String(err), 'Import a file like Claude Desktop\'s claude_desktop_config.json: {"mcpServers": {"NAME": {"command": "…", "args": […]}}}');
    }
    const result: McpImportResult = { added: [], skipped: [] };
    const adding: Promise<void>[] = [];
    for (const item of parsed) {
      if ('reason' in item) {
        result.skipped.push(item);
        continue;
      }
      // Each add takes its name before its first await: a name twice in the file is refused the second time.
      adding.push(
        this.add(item.input, actor).then(
          (info) => void result.added.push(info),
          (err: unknown) => void result.skipped.push({ name: item.name, reason: err instanceof Error ? err.message : String(err) }),
        ),
      );
    }
    await Promise.all(adding);
    return result;
  }

  logs(name: string): string[] {
    const server = this.server(name);
    return server.connection?.log.all() ?? [];
  }

  async readResource(name: string, uri: string): Promise<{ uri: string; mimeType: string | null; text: string }> {
    const contents = await this.connectionOf(name).readResource(uri);
    const text = contents
      .map((item) => (item.text !== undefined ? item.text : `[${item.mimeType ?? 'binary'} contents, ${Math.floor(((item.blob ?? '').length * 3) / 4)} bytes]`))
      .join('\n\n');
    return { uri, mimeType: contents[0]?.mimeType ?? null, text: text.length > MCP_LIMITS.resourceChars ? text.slice(0, MCP_LIMITS.resourceChars) : text };
  }

  async getPrompt(name: string, prompt: string, args: Record<string, string>): Promise<{ description: string | null; text: string }> {
    const result = await this.connectionOf(name).getPrompt(prompt, args);
    const text = result.messages
      .map((item) => {
        const content = item.content as { type: string; text?: string; resource?: { uri?: string; text?: string } };
        const body = content.type === 'text' ? (content.text ?? '') : content.type === 'resource' ? (content.resource?.text ?? `[resource ${content.resource?.uri ?? ''}]`) : `[${content.type}]`;
        return `${item.role}: ${body}`;
      })
      .join('\n\n');
    return { description: result.description ?? null, text };
  }

  /** Why `name` is not callable when it is one of a server's held tools (for a clear refusal), or null. */
  heldTool(name: string): { server: string; tool: string } | null {
    for (const server of this.servers.values()) {
      for (const change of server.review.pending) if (server.names.get(change.tool) === name) return { server: server.config.name, tool: change.tool };
    }
    return null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.callbacks?.close();
    await Promise.all([...this.servers.values()].map((server) => server.connection?.stop()));
  }

  private server(name: string): Server {
    const server = this.servers.get(key(name));
    if (!server) throw new AuraError('NOT_FOUND', `There is no MCP server named "${name.slice(0, 60)}".`, 'See them with `aura mcp list`.');
    return server;
  }

  private connectionOf(name: string): McpConnection {
    const server = this.server(name);
    if (!server.connection) throw new AuraError('IO_ERROR', `The MCP server ${server.config.name} is not running.`, `Turn it on: aura mcp enable ${server.config.name}`);
    return server.connection;
  }

  private checkNewName(name: string): void {
    if (this.servers.has(key(name))) throw new AuraError('CONFLICT', `There is an MCP server named ${name} already.`, `Remove it first (aura mcp remove ${name}), or choose another name.`);
    const prefix = serverPrefix(name);
    const clash = [...this.servers.values()].find((server) => serverPrefix(server.config.name) === prefix);
    if (clash) throw new AuraError('CONFLICT', `${name} would name its tools like ${clash.config.name}'s (${prefix}…).`, 'Choose a name that differs by more than case, "-" and "_".');
  }

  private async load(): Promise<Runtime> {
    this.runtime ??= import('./mcp-runtime').then((runtime) => (this.loaded = runtime));
    return this.runtime;
  }

  private async launch(server: Server): Promise<void> {
    if (this.closed) return;
    const runtime = await this.load();
    if (!this.servers.has(key(server.config.name)) || this.closed) return;
    await server.connection?.stop();
    const { config } = server;
    if (config.transport.kind === 'http') await this.oauthCallbacks().listen();
    server.connection = new runtime.McpConnection({
      config,
      version: this.deps.version,
      worker: () => (this.worker ??= this.deps.workers.create(MCP_WORKER, MCP_WORKER_METHODS, this.deps.workerEnv ? { env: this.deps.workerEnv } : {})),
      stdio: (session) => this.stdioLaunch(config, session),
      oauth: () => this.oauthProvider(config.name),
      onChange: (what) => this.changed(server, runtime, what),
    });
    await server.connection.start();
  }

  private stdioLaunch(config: McpServerConfig, session: string) {
    if (config.transport.kind !== 'stdio') throw new AuraError('INTERNAL', 'Not a stdio server.');
    // Its own folder, kept between runs (a memory server's file): its working folder, and writable.
    const own = join(this.deps.dataDir, 'mcp', key(config.name));
    mkdirSync(own, { recursive: true, mode: 0o700 });
    const { transport } = config;
    return {
      session,
      sandbox: { roots: [own], network: transport.network, extraWritable: transport.writable, extraReadable: transport.readable, home: this.deps.home, dataDir: this.deps.dataDir },
      sandboxed: transport.sandbox,
      command: transport.command,
      env: transport.env,
    };
  }

  private oauthCallbacks(): OAuthCallbacks {
    this.callbacks ??= new OAuthCallbacks(async (name, code) => {
      const connection = this.server(name).connection;
      if (!connection) throw new AuraError('CONFLICT', `${name} is not running.`);
      await connection.finishAuth(code);
    });
    return this.callbacks;
  }

  private oauthProvider(name: string): McpOAuthProvider {
    let provider = this.oauthProviders.get(key(name));
    if (!provider) {
      provider = new McpOAuthProvider(name, this.deps.store, this.oauthCallbacks());
      this.oauthProviders.set(key(name), provider);
    }
    return provider;
  }

  /** A connection changed: its state (tools, status) re-sorts the tools into approved and held; any change refreshes the page. */
  private changed(server: Server, runtime: Runtime, what: 'state' | 'log'): void {
    if (what === 'state') this.sync(server, runtime);
    if (server.emitTimer) return;
    // At most a few events a second for a server whose log floods.
    server.emitTimer = setTimeout(() => {
      server.emitTimer = undefined;
      this.deps.events.emit('mcp.changed', { name: server.config.name });
    }, what === 'state' ? 0 : 250);
    server.emitTimer.unref();
  }

  /** Registers exactly the approved tools the server lists now (and withdraws the rest). */
  private sync(server: Server, runtime: Runtime): void {
    const connection = server.connection;
    if (!connection || !server.config.enabled || connection.status === 'disabled') return this.withdraw(server);
    const approved = this.deps.store.approved(server.config.name);
    server.review = reviewTools(connection.tools as never, approved);
    server.names = auraToolNames(server.config.name, connection.tools.map((tool) => tool.name));
    const wanted = new Map(server.review.approved.map((tool) => [server.names.get(tool.name)!, tool] as const));
    for (const [name, entry] of server.registered) {
      const tool = wanted.get(name);
      if (!tool || approved.get(tool.name)?.hash !== entry.hash) {
        entry.unregister();
        server.registered.delete(name);
      }
    }
    for (const [name, tool] of wanted) {
      if (server.registered.has(name)) continue;
      const hash = approved.get(tool.name)!.hash;
      try {
        const unregister = this.deps.registry.register(runtime.mcpToolDefinition(server.config.name, name, tool, connection, runtime.inputCheck(tool.inputSchema)));
        server.registered.set(name, { hash, unregister });
      } catch (err) {
        connection.log.add(`[aura] ${tool.name} could not be offered as ${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private withdraw(server: Server): void {
    for (const entry of server.registered.values()) entry.unregister();
    server.registered.clear();
  }

  private approveNow(server: Server, changes: readonly (McpPendingChange & { definition: McpToolDefinition })[], actor: string, how: 'added' | 'approved'): void {
    const definitions = changes.map(({ tool, hash, definition }) => ({ tool, hash, definition }));
    const entry = this.deps.store.approve(server.config.name, definitions, { actor, action: 'mcp.approve', target: server.config.name, detail: { how, tools: changes.map(({ tool, kind, hash }) => ({ tool, kind, hash })) } });
    this.deps.events.emit('audit.appended', entry);
    // The registry follows at once: the caller's next call may be to one of these tools.
    if (this.loaded) this.changed(server, this.loaded, 'state');
  }

  private announce(record: AuditRecord): void {
    this.deps.events.emit('audit.appended', this.deps.audit.append(record));
  }

  private info(server: Server): McpServerInfo {
    const { config, connection } = server;
    const transport = config.transport;
    const pendingNames = new Set(server.review.pending.map((change) => change.tool));
    return {
      name: config.name,
      enabled: config.enabled,
      kind: transport.kind,
      command: transport.kind === 'stdio' ? transport.command : null,
      url: transport.kind === 'http' ? transport.url : null,
      envNames: transport.kind === 'stdio' ? Object.keys(transport.env) : [],
      headerNames: transport.kind === 'http' ? Object.keys(transport.headers) : [],
      sandbox: transport.kind === 'stdio' ? transport.sandbox : false,
      network: transport.kind === 'stdio' ? transport.network : true,
      readable: transport.kind === 'stdio' ? transport.readable : [],
      writable: transport.kind === 'stdio' ? transport.writable : [],
      timeoutMs: config.timeoutMs,
      status: config.enabled ? (connection?.status ?? 'starting') : 'disabled',
      error: connection?.error ?? null,
      authUrl: connection?.status === 'needs_auth' ? connection.authUrl : null,
      serverName: connection?.serverName ?? null,
      serverVersion: connection?.serverVersion ?? null,
      restarts: connection?.restarts ?? 0,
      tools: (connection?.tools ?? []).map((tool) => ({
        name: server.names.get(tool.name) ?? tool.name,
        mcpName: tool.name,
        title: tool.title ?? null,
        description: untrustedText(tool.description, MCP_LIMITS.descriptionChars),
        risk: riskOf(tool as never),
        state: pendingNames.has(tool.name) ? ('held' as const) : ('approved' as const),
        inputSchema: tool.inputSchema,
      })),
      pending: server.review.pending.map(({ tool, kind, hash, diff }) => ({ tool, kind, hash, diff })),
      resources: (connection?.resources ?? []).map((resource) => ({ uri: resource.uri, name: resource.name, title: resource.title ?? null, description: resource.description ? untrustedText(resource.description, 1000) : null, mimeType: resource.mimeType ?? null })),
      prompts: (connection?.prompts ?? []).map((prompt) => ({
        name: prompt.name,
        title: prompt.title ?? null,
        description: prompt.description ? untrustedText(prompt.description, 1000) : null,
        arguments: (prompt.arguments ?? []).map((arg) => ({ name: arg.name, description: arg.description ?? null, required: arg.required === true })),
      })),
    };
  }
}

/** Header values, and variables named like secrets, are redacted wherever they could show (logs, errors, replies). */
function registerConfigSecrets(config: McpServerConfig): void {
  const { transport } = config;
  if (transport.kind === 'http') for (const value of Object.values(transport.headers)) registerSecret(value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
  else for (const [name, value] of Object.entries(transport.env)) if (isSecretName(name)) registerSecret(value);
}

/** What the audit trail records of a server: how it runs, never the values of its variables or headers. */
function auditDetail(config: McpServerConfig): Record<string, unknown> {
  const { transport } = config;
  if (transport.kind === 'http') return { url: transport.url, headers: Object.keys(transport.headers) };
  return { command: transport.command, env: Object.keys(transport.env), sandbox: transport.sandbox, network: transport.network, readable: transport.readable, writable: transport.writable };
}
