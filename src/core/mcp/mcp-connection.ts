import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, LoggingMessageNotificationSchema, McpError, type CallToolResult, type Prompt, type Resource, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AuraError } from '../../shared/errors';
import { MCP_LIMITS, type McpServerConfig, type McpServerStatus } from '../../shared/mcp';
import type { McpOAuthProvider } from './mcp-oauth';
import { ServerLog } from './server-log';
import { WorkerStdioTransport, type StdioLaunch } from './worker-stdio-transport';
import type { MCP_WORKER_METHODS } from '../../shared/mcp';
import type { WorkerClient } from '../workers/worker-client';

export interface ConnectionDeps {
  config: McpServerConfig;
  version: string;
  /** The MCP worker (stdio servers). */
  worker: () => WorkerClient<typeof MCP_WORKER_METHODS>;
  /** How a stdio server is launched this time (its sandbox from the current settings); may refuse. */
  stdio: (session: string) => StdioLaunch;
  /** The OAuth provider of an HTTP server. */
  oauth: () => McpOAuthProvider;
  /** Anything the Plugins page shows changed: status, lists, log. */
  onChange: (what: 'state' | 'log') => void;
}

/** Starts a listing again from its cursor until it ends (at most this many pages: a server that loops stops here). */
const MAX_PAGES = 50;
/** How long a server that stopped answering a call has to answer a ping before it is restarted. */
const PING_MS = 5_000;
/** A server up this long has recovered: its next crash restarts it after the shortest wait again. */
const STABLE_MS = 60_000;
/** Failed starts in a row after which a server is left stopped until the user restarts it. */
const MAX_FAILED_STARTS = 5;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * One MCP server: the SDK's `Client` over a stdio server in the MCP worker, or over streamable HTTP (the
 * older HTTP+SSE transport when the server only speaks that, OAuth when it asks). It lists the server's
 * tools, resources and prompts, again on `list_changed`; passes calls with their progress, cancellation and
 * timeout; and when the server crashes, or stops answering (a timed-out call whose ping goes unanswered),
 * says so and starts it again after a back-off that doubles, 1 s to 60 s.
 */
export class McpConnection {
  status: McpServerStatus = 'disabled';
  error: string | null = null;
  authUrl: string | null = null;
  serverName: string | null = null;
  serverVersion: string | null = null;
  restarts = 0;
  tools: Tool[] = [];
  resources: Resource[] = [];
  prompts: Prompt[] = [];
  readonly log = new ServerLog();
  private client: Client | null = null;
  private transport: Transport | null = null;
  /** Bumped by every start and stop: callbacks of an older client are ignored. */
  private generation = 0;
  private launches = 0;
  private failures = 0;
  private readyAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | null = null;
  private readonly readyWaiters = new Set<() => void>();

  constructor(private readonly deps: ConnectionDeps) {}

  get name(): string {
    return this.deps.config.name;
  }

  /** Starts the server; settles when it is ready or failed to (never throws: the status says which). */
  start(): Promise<void> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    this.starting = this.connect(generation).finally(() => {
      if (this.generation === generation) this.starting = null;
    });
    return this.starting;
  }

  /** Stops it for good (disabled, removed, the app closing): no restart follows. */
  async stop(status: McpServerStatus = 'disabled'): Promise<void> {
    clearTimeout(this.timer);
    this.generation += 1;
    const client = this.client;
    this.client = null;
    this.transport = null;
    this.setStatus(status, null);
    this.wakeWaiters();
    await client?.close().catch(() => undefined);
  }

  /** The user asked: a fresh start with the shortest back-off again. */
  async restart(): Promise<void> {
    await this.stop('starting');
    this.failures = 0;
    this.log.add('[aura] Restarted by the user.');
    await this.start();
  }

  /** Settles once the server is ready, failed, or after `ms`. */
  async settled(ms: number): Promise<void> {
    if (this.starting) await Promise.race([this.starting, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
  }

  /** Resolves when the server is ready (or at once if it is), or after `ms`; for callers that can wait for a restart. */
  waitReady(ms: number): Promise<void> {
    if (this.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.readyWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.readyWaiters.add(done);
    });
  }

  async callTool(name: string, args: Record<string, unknown>, options: { signal: AbortSignal; onProgress?: (progress: number, total: number | undefined, text: string | undefined) => void }): Promise<CallToolResult> {
    const client = this.ready();
    try {
      return (await client.callTool({ name, arguments: args }, undefined, {
        signal: options.signal,
        timeout: this.deps.config.timeoutMs,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: MCP_LIMITS.maxCallMs,
        ...(options.onProgress ? { onprogress: ({ progress, total, message: text }) => options.onProgress?.(progress, total, text) } : {}),
      })) as CallToolResult;
    } catch (err) {
      throw await this.callFailure(client, err, `${name}`);
    }
  }

  async readResource(uri: string): Promise<{ uri: string; mimeType?: string; text?: string; blob?: string }[]> {
    const client = this.ready();
    try {
      return (await client.readResource({ uri }, { timeout: this.deps.config.timeoutMs })).contents;
    } catch (err) {
      throw await this.callFailure(client, err, `reading ${uri}`);
    }
  }

  async getPrompt(name: string, args: Record<string, string>) {
    const client = this.ready();
    try {
      return await client.getPrompt({ name, arguments: args }, { timeout: this.deps.config.timeoutMs });
    } catch (err) {
      throw await this.callFailure(client, err, `the prompt ${name}`);
    }
  }

  /** Completes the OAuth flow with the code the server's sign-in page sent back, then connects again. */
  async finishAuth(code: string): Promise<void> {
    const transport = this.transport;
    if (!(transport instanceof StreamableHTTPClientTransport || transport instanceof SSEClientTransport)) throw new AuraError('CONFLICT', `${this.name} is not waiting for a sign-in.`);
    await transport.finishAuth(code);
    this.log.add('[aura] Signed in; connecting again.');
    await this.start();
  }

  private ready(): Client {
    if (this.status === 'ready' && this.client) return this.client;
    const why = this.error ? ` ${this.error}` : '';
    throw new AuraError('IO_ERROR', `The MCP server ${this.name} is not ready (${this.status.replace('_', ' ')}).${why}`, this.status === 'disabled' ? `Turn it on: aura mcp enable ${this.name}` : `See what it said: aura mcp logs ${this.name}`);
  }

  private async connect(generation: number): Promise<void> {
    this.setStatus('starting', this.error);
    const client = new Client(
      { name: 'aura-work', title: 'Aura Work', version: this.deps.version },
      {
        // No sampling, elicitation or roots: a server asking for them is told the method is not there.
        capabilities: {},
        listChanged: {
          tools: { autoRefresh: false, debounceMs: 50, onChanged: () => void this.refresh(generation, 'tools') },
          resources: { autoRefresh: false, debounceMs: 50, onChanged: () => void this.refresh(generation, 'resources') },
          prompts: { autoRefresh: false, debounceMs: 50, onChanged: () => void this.refresh(generation, 'prompts') },
        },
      },
    );
    client.setNotificationHandler(LoggingMessageNotificationSchema, ({ params }) => {
      if (this.generation !== generation) return;
      this.log.add(`[${params.level}] ${typeof params.data === 'string' ? params.data : JSON.stringify(params.data)}`);
    });
    client.onerror = (err) => {
      if (this.generation === generation) this.log.add(`[aura] ${message(err)}`);
    };
    client.onclose = () => this.lost(generation);
    try {
      await this.open(client, generation);
      if (this.generation !== generation) return void (await client.close().catch(() => undefined));
      this.client = client;
      const info = client.getServerVersion();
      this.serverName = info?.name ?? null;
      this.serverVersion = info?.version ?? null;
      await Promise.all([this.list(client, 'tools'), this.list(client, 'resources'), this.list(client, 'prompts')]);
      if (this.generation !== generation) return;
      this.readyAt = Date.now();
      this.authUrl = null;
      this.log.add(`[aura] Ready: ${this.tools.length} tools, ${this.resources.length} resources, ${this.prompts.length} prompts.`);
      this.setStatus('ready', null);
      this.wakeWaiters();
    } catch (err) {
      if (this.generation !== generation) return;
      this.client = null;
      if (err instanceof UnauthorizedError) {
        this.authUrl = this.deps.oauth().authorizationUrl;
        this.log.add('[aura] The server asks you to sign in.');
        this.setStatus('needs_auth', this.authUrl ? 'The server asks you to sign in: open the address shown to let Aura Work in.' : 'The server refused the credentials and offers no sign-in; check its headers.');
        this.wakeWaiters();
        return;
      }
      await client.close().catch(() => undefined);
      this.failed(generation, this.describeFailure(err));
    }
  }

  /** Connects `client` over this server's transport: stdio through the worker, or HTTP with its fallback. */
  private async open(client: Client, generation: number): Promise<void> {
    const { config } = this.deps;
    const timeout = config.timeoutMs;
    if (config.transport.kind === 'stdio') {
      const launch = this.deps.stdio(`${config.name}#${++this.launches}`);
      this.log.add(`[aura] Starting${launch.sandboxed ? ' in its sandbox' : ' WITHOUT a sandbox'}: ${launch.command.join(' ')}`);
      const transport = new WorkerStdioTransport(this.deps.worker, launch, (lines) => {
        if (this.generation !== generation) return;
        this.log.add(...lines);
        this.deps.onChange('log');
      });
      this.transport = transport;
      await client.connect(transport, { timeout });
      return;
    }
    const url = new URL(config.transport.url);
    const requestInit = { headers: config.transport.headers };
    const authProvider = this.deps.oauth();
    const streamable = new StreamableHTTPClientTransport(url, { requestInit, authProvider });
    this.transport = streamable;
    try {
      await client.connect(streamable, { timeout });
    } catch (err) {
      // A server that predates streamable HTTP answers its POST with 4xx: it may speak HTTP+SSE instead.
      if (err instanceof UnauthorizedError || !(err instanceof StreamableHTTPError) || err.code === undefined || err.code < 400 || err.code >= 500 || err.code === 401) throw err;
      this.log.add(`[aura] Streamable HTTP refused (${err.code}); trying HTTP+SSE.`);
      await streamable.close().catch(() => undefined);
      const sse = new SSEClientTransport(url, { requestInit, authProvider });
      this.transport = sse;
      await client.connect(sse, { timeout });
    }
  }

  private async list(client: Client, what: 'tools' | 'resources' | 'prompts'): Promise<void> {
    const capabilities = client.getServerCapabilities() ?? {};
    if (!capabilities[what]) {
      this[what] = [];
      return;
    }
    const timeout = this.deps.config.timeoutMs;
    const items: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const params = cursor ? { cursor } : undefined;
      const result = what === 'tools' ? await client.listTools(params, { timeout }) : what === 'resources' ? await client.listResources(params, { timeout }) : await client.listPrompts(params, { timeout });
      items.push(...(what === 'tools' ? (result as { tools: Tool[] }).tools : what === 'resources' ? (result as { resources: Resource[] }).resources : (result as { prompts: Prompt[] }).prompts));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    (this[what] as unknown[]) = items;
  }

  /** A `list_changed`: listed again, and the page and the registry follow. */
  private async refresh(generation: number, what: 'tools' | 'resources' | 'prompts'): Promise<void> {
    const client = this.client;
    if (this.generation !== generation || !client) return;
    try {
      await this.list(client, what);
      if (this.generation !== generation) return;
      this.log.add(`[aura] Its ${what} changed: ${this[what].length} now.`);
      this.deps.onChange('state');
    } catch (err) {
      if (this.generation === generation) this.log.add(`[aura] Listing its ${what} again failed: ${message(err)}`);
    }
  }

  /** The client closed under a ready server: it crashed, or was killed for not answering. */
  private lost(generation: number): void {
    if (this.generation !== generation || this.status !== 'ready') return;
    this.client = null;
    if (Date.now() - this.readyAt > STABLE_MS) this.failures = 0;
    const exit = this.transport instanceof WorkerStdioTransport ? this.transport.exit : null;
    this.failed(generation, this.error ?? `The server stopped${exit ? ` (${describeExit(exit)})` : ''}.${this.lastWords()}`, true);
  }

  private failed(generation: number, reason: string, wasReady = false): void {
    this.failures += 1;
    if (!wasReady && this.failures >= MAX_FAILED_STARTS) {
      this.log.add(`[aura] ${reason}`, `[aura] It failed to start ${this.failures} times in a row; it stays stopped until you restart it.`);
      this.setStatus('failed', `${reason} It failed to start ${this.failures} times in a row.`);
      this.wakeWaiters();
      return;
    }
    const wait = Math.min(MCP_LIMITS.restartMaxMs, MCP_LIMITS.restartMinMs * 2 ** (this.failures - 1));
    this.log.add(`[aura] ${reason} Starting it again in ${Math.round(wait / 1000)} s.`);
    this.restarts += 1;
    this.setStatus('restarting', `${reason} Starting it again in ${Math.round(wait / 1000)} s.`);
    this.timer = setTimeout(() => {
      if (this.generation === generation) void this.start();
    }, wait);
    this.timer.unref();
  }

  /**
   * What a failed call tells the user. A call that timed out may be a slow tool or a hung server: a ping
   * decides, and a server that does not answer it either is closed, so it restarts.
   */
  private async callFailure(client: Client, err: unknown, what: string): Promise<AuraError> {
    if (err instanceof AuraError) return err;
    if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
      const alive = await client.ping({ timeout: Math.min(PING_MS, this.deps.config.timeoutMs) }).then(
        () => true,
        () => false,
      );
      if (!alive && this.client === client) {
        this.error = `The server stopped answering (no answer to ${what} in ${Math.round(this.deps.config.timeoutMs / 1000)} s, nor to a ping), so it was restarted.`;
        this.log.add(`[aura] ${this.error}`);
        void client.close().catch(() => undefined);
      }
      return new AuraError('TIMEOUT', `The MCP server ${this.name} did not answer ${what} in ${Math.round(this.deps.config.timeoutMs / 1000)} s${alive ? '' : ' and stopped answering altogether; it is being restarted'}.`, alive ? 'A slow tool may need a longer time limit: aura mcp add NAME --timeout-ms …' : `See what it said: aura mcp logs ${this.name}`);
    }
    if (err instanceof McpError && err.code === ErrorCode.ConnectionClosed) {
      return new AuraError('IO_ERROR', `The MCP server ${this.name} stopped during ${what}.${this.lastWords()}`, `It starts again by itself; see what it said: aura mcp logs ${this.name}`);
    }
    if (err instanceof McpError) return new AuraError('TOOL_FAILED', `The MCP server ${this.name} refused ${what}: ${err.message.replace(/^MCP error -?\d+: /, '')}`);
    if ((err as { name?: string } | null)?.name === 'AbortError') return new AuraError('CANCELLED', `${what} was cancelled.`);
    return new AuraError('IO_ERROR', `${what} failed on the MCP server ${this.name}: ${message(err)}`);
  }

  private describeFailure(err: unknown): string {
    const exit = this.transport instanceof WorkerStdioTransport ? this.transport.exit : null;
    if (exit && 'error' in exit) return `It could not start: ${exit.error.message}${exit.error.hint ? ` (${exit.error.hint})` : ''}`;
    if (err instanceof AuraError) return `It could not start: ${err.message}${err.hint ? ` (${err.hint})` : ''}`;
    if (exit) return `It stopped as it started (${describeExit(exit)}).${this.lastWords()}`;
    if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) return `It did not answer the MCP handshake in ${Math.round(this.deps.config.timeoutMs / 1000)} s.${this.lastWords()}`;
    return `It could not be reached: ${message(err)}`;
  }

  private lastWords(): string {
    const words = this.log.lastWords();
    return words ? ` Its last words: "${words.length > 300 ? `${words.slice(0, 300)}…` : words}"` : '';
  }

  private setStatus(status: McpServerStatus, error: string | null): void {
    this.status = status;
    this.error = error;
    this.deps.onChange('state');
  }

  private wakeWaiters(): void {
    for (const wake of [...this.readyWaiters]) wake();
  }
}

function describeExit(exit: NonNullable<WorkerStdioTransport['exit']>): string {
  if ('error' in exit) return exit.error.message;
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
