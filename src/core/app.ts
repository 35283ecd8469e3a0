import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HostInfo } from '../shared/contract';
import { ModelWorkerMethods, MODEL_WORKER } from '../shared/model-worker';
import { TERMINAL_WORKER_METHODS } from '../shared/terminal';
import { VM_WORKER } from '../shared/vm';
import { AgentEngine } from './agent/agent-engine';
import type { AgentLimits } from './agent/agent-limits';
import { AuditLog } from './audit/audit-log';
import { AuditCheckpoints } from './audit/audit-checkpoints';
import { screenshotReader } from './agent/image-reader';
import { ComputerService } from './computer/computer-service';
import { registerComputerTools } from './computer/computer-tools';
import { BrowserService } from './browser/browser-service';
import { browserTools } from './browser/browser-tools';
import { BridgeService } from './bridge/bridge-service';
import { McpService } from './mcp/mcp-service';
import { McpStore } from './mcp/mcp-store';
import { DiagnosticsService, type RuntimeInfo } from './diagnostics/diagnostics-service';
import { EventBus } from './events/event-bus';
import { createFileLogger, type Logger } from './logging/logger';
import type { AppPaths } from './paths';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { createHandlers } from './rpc/handlers';
import { backupDatabase } from './store/backup';
import { openDatabase, type OpenedDatabase } from './store/database';
import { loadMigrations } from './store/migrations';
import type { LocalModels } from './providers/local-gguf';
import { ModelRouter } from './providers/model-router';
import { ProviderAccounts } from './providers/provider-accounts';
import { nodeLlamaCppDir } from './providers/local-gguf/library-dir';
import { ReadinessService } from './readiness/readiness-service';
import { routeSdkWarnings } from './providers/sdk-warnings';
import { registerEnvironmentSecrets } from './secrets/secret-values';
import { SettingsService } from './settings/settings-service';
import { ProfileStore } from './permissions/profile-store';
import { TaskHistory } from './tasks/task-history';
import { TaskStore } from './tasks/task-store';
import { registerBuiltinTools } from './tools/builtin/register-builtin-tools';
import { TerminalService } from './terminal/terminal-service';
import { ToolRegistry } from './tools/tool-registry';
import { ToolRunner } from './tools/tool-runner';
import { shellTool } from './vm/shell-tool';
import { VmService } from './vm/vm-service';
import { WorkspaceService } from './workspaces/workspace-service';
import { Vault } from './vault/vault';
import type { DeviceKeychain } from './vault/device-key';
import { NodeWorkerLauncher } from './workers/node-worker-launcher';
import type { WorkerClient } from './workers/worker-client';
import type { WorkerLauncher } from './workers/worker-launcher';
import { WorkerPool } from './workers/worker-pool';

export interface AppOptions {
  paths: AppPaths;
  /** The folder holding `migrations/`, `locales/` and the other shipped assets. */
  resourcesDir: string;
  version: string;
  runtime: RuntimeInfo;
  logger?: Logger;
  /** Where provider API keys come from until the vault lands; never logged. */
  env?: NodeJS.ProcessEnv;
  /** Test seam: replaces the model router (e.g. with fast back-off). */
  router?: ModelRouter;
  /** Tighter or looser bounds for the engine than its defaults. */
  agentLimits?: Partial<AgentLimits>;
  /** Starts worker processes: the Electron host passes utilityProcess's; by default child_process.fork. */
  launcher?: WorkerLauncher;
  /** The desktop app's system keychain (Electron safeStorage), for "remember the vault on this device". */
  deviceKeychain?: DeviceKeychain;
}

export interface HostControl {
  info(): HostInfo;
  /** Asks the host to stop; false when this host cannot be stopped from a client. */
  stop(): boolean;
}

/** Every core service, built once and shared by whichever host runs them. */
export interface AuraApp {
  paths: AppPaths;
  version: string;
  logger: Logger;
  events: EventBus;
  store: OpenedDatabase;
  audit: AuditLog;
  settings: SettingsService;
  /** Permission profiles: the built-in ones and the user's, and which one new tasks get. */
  profiles: ProfileStore;
  workspaces: WorkspaceService;
  diagnostics: DiagnosticsService;
  tools: ToolRegistry;
  runner: ToolRunner;
  tasks: TaskStore;
  /** Reads a task's page in pieces, for `tasks.get`, `tasks.history` and `tasks.toolCallOutput`. */
  history: TaskHistory;
  agent: AgentEngine;
  /** The worker processes (local model, shell …): `workers.create(name, methods)`; all stopped by close(). */
  workers: WorkerPool;
  /** Sandboxed shells and file I/O (the VM worker), and the sandbox status Readiness shows. */
  vm: VmService;
  /** The Terminal page's sandboxed shells, one per workspace, with the agent's commands echoed in them. */
  terminals: TerminalService;
  /** Settings → Readiness: sandbox, Chromium, X display, local model runtime. */
  readiness: ReadinessService;
  /** Computer use (the computer worker): screenshots and mouse and keyboard input on an X display. */
  computer: ComputerService;
  /** The agent's browser (the browser worker): one isolated context per task, watched and taken over on the Browser page. */
  browser: BrowserService;
  /** The bridge's paired clients, tokens and pairing requests (the server itself is the host's: main/bridge). */
  bridge: BridgeService;
  /** MCP servers the user added (docs/MCP.md): their tools in the registry; started by the host (`mcp.startAll()`). */
  mcp: McpService;
  /** The vault (SECURITY.md): secrets sealed under a password; unlocked in this host until locked or idle. */
  vault: Vault;
  /** Provider accounts: endpoints and budgets in the database, their keys sealed in the vault. */
  providerAccounts: ProviderAccounts;
  /** Signed checkpoints of the audit trail's head, taken while the vault is unlocked (`audit.verify` checks them). */
  auditCheckpoints: AuditCheckpoints;
  env: NodeJS.ProcessEnv;
  dispatch: Dispatch;
  /** What the host serving these services says of itself and how it stops (`host.info`, `host.stop`); set by the host. */
  host: HostControl;
  backup(target: string, actor: string): Promise<{ path: string; bytes: number }>;
  /** For the host at start-up, holding the data directory's lock: tasks left mid-flight by the last host are marked interrupted. */
  recoverInterruptedTasks(): number;
  close(): Promise<void>;
}

/** The composition root: builds the services and passes each what it needs through its constructor. */
export function createApp({ paths, resourcesDir, version, runtime, logger: givenLogger, env = process.env, router, agentLimits, launcher, deviceKeychain }: AppOptions): AuraApp {
  // Before anything can log, store or send: every key in the environment is redacted by value from then on.
  registerEnvironmentSecrets(env);
  const logger = givenLogger ?? createFileLogger({ dir: paths.logs });
  routeSdkWarnings(logger);
  const store = openDatabase(paths.database, loadMigrations(join(resourcesDir, 'migrations')));
  const events = new EventBus();
  const audit = new AuditLog(store.db);
  const settings = new SettingsService(store.db, audit, events, logger);
  const profiles = new ProfileStore({ db: store.db, audit, events, settings, logger });
  const workspaces = new WorkspaceService(store.db, audit, events);
  const diagnostics = new DiagnosticsService(store, paths, runtime, version, logger);
  const tools = new ToolRegistry();
  const tasks = new TaskStore(store.db, audit, events);
  const runner = new ToolRunner(tools, audit, events);
  const workers = new WorkerPool({ launcher: launcher ?? new NodeWorkerLauncher(), logger, env });
  // The shell and the file tools' I/O run in the VM worker's sandbox; it starts with the first call.
  const vm = new VmService({ workers, settings, events, dataDir: paths.home, home: homedir() });
  registerBuiltinTools(tools, vm.files);
  tools.register(shellTool(vm));
  // No process starts until a local model is first called.
  let modelWorker: WorkerClient<ModelWorkerMethods> | undefined;
  const localModels: LocalModels = { worker: () => (modelWorker ??= workers.create(MODEL_WORKER, ModelWorkerMethods)), appRoot: dirname(resourcesDir) };
  // The Terminal's shells run in a VM worker process of their own: a terminal and the agent's shells never take each other down.
  let terminalWorker: WorkerClient<typeof TERMINAL_WORKER_METHODS> | undefined;
  const terminals = new TerminalService({
    worker: () => (terminalWorker ??= workers.create(VM_WORKER, TERMINAL_WORKER_METHODS)),
    workspacePath: (id) => workspaces.list().find((workspace) => workspace.id === id)?.path ?? null,
    sandboxFor: (roots) => vm.sandboxFor(roots),
    taskFolder: (taskId) => tasks.get(taskId).workspacePath,
    audit: (record) => events.emit('audit.appended', audit.append(record)),
    events,
    logger,
  });
  // The agent's browser runs in the browser worker; it starts with the first browser tool call.
  const browser = new BrowserService({ workers, settings, events, task: (id) => taskOrNull(tasks, id), audit: (record) => events.emit('audit.appended', audit.append(record)), dataDir: paths.home, env });
  for (const tool of browserTools(browser)) tools.register(tool);
  // Screenshots and input on an X display run in the computer worker; it starts with the first call.
  const computer = new ComputerService({ workers, settings, events, logger, dataDir: paths.home, env, tasks, cancelTask: (id) => void agent.cancel(id) });
  registerComputerTools(tools, computer);
  const readiness = new ReadinessService({ probeSandbox: () => vm.probe(), chromiumPath: () => settings.getAll().chromiumPath, computerDisplay: () => settings.getAll().computerDisplay, libraryDir: () => nodeLlamaCppDir(env, dirname(resourcesDir)), appRoot: dirname(resourcesDir), env });
  const modelRouter = router ?? new ModelRouter({ env, logger, localModels });
  const agent = new AgentEngine({ store: tasks, router: modelRouter, registry: tools, runner, settings, profiles, audit: (record) => events.emit('audit.appended', audit.append(record)), logger, images: screenshotReader(paths.home), ...(agentLimits ? { limits: agentLimits } : {}) });
  const bridge = new BridgeService({ db: store.db, audit, events, settings });
  const mcp = new McpService({ store: new McpStore(store.db, audit), audit, registry: tools, events, workers, settings, logger, version, dataDir: paths.home, home: homedir() });
  const vault = new Vault({ file: join(paths.home, 'vault.json'), autoLockMinutes: () => settings.getAll().vaultAutoLockMinutes, audit: (record) => events.emit('audit.appended', audit.append(record)),
    onChange: () => events.emit('vault.changed', {}),
    ...(deviceKeychain ? { device: { keychain: deviceKeychain, file: join(paths.home, 'vault-device.json') } } : {}),
  });
  const providerAccounts = new ProviderAccounts({ db: store.db, audit, events, vault, settings });
  modelRouter.useAccounts(providerAccounts);
  const auditCheckpoints = new AuditCheckpoints({ file: join(paths.home, 'audit-checkpoint.json'), audit, vault, logger });
  const startedAt = new Date().toISOString();
  const app: AuraApp = {
    paths,
    version,
    logger,
    events,
    store,
    audit,
    settings,
    profiles,
    workspaces,
    diagnostics,
    tools,
    runner,
    tasks,
    history: new TaskHistory(store.db),
    agent,
    workers,
    vm,
    terminals,
    readiness,
    computer,
    browser,
    bridge,
    mcp,
    vault,
    providerAccounts,
    auditCheckpoints,
    env,
    dispatch: () => Promise.reject(new Error('dispatcher not ready')),
    host: {
      info: () => ({ kind: 'headless', pid: process.pid, version, startedAt, url: null, bridgeUrl: null, idleExitMs: null }),
      stop: () => false,
    },
    async backup(target, actor) {
      const result = await backupDatabase(store.db, target);
      events.emit('audit.appended', audit.append({ actor, action: 'backup.create', target: result.path, detail: { bytes: result.bytes } }));
      return result;
    },
    recoverInterruptedTasks: () => tasks.markInterrupted(),
    async close() {
      await agent.stopAll();
      await mcp.close();
      terminals.dispose();
      if (store.db.open) bridge.close();
      await workers.dispose();
      // Last before the database closes: the lock's checkpoint then covers every entry, marked as a clean shutdown.
      if (store.db.open) vault.lock('system', 'shutdown');
      if (store.db.open) store.db.close();
    },
  };
  app.dispatch = createDispatcher(createHandlers(app), logger);
  return app;
}

/** A task, or null when there is none with this id (a browser session outliving its task's row). */
function taskOrNull(tasks: TaskStore, id: string) {
  try {
    return tasks.get(id);
  } catch {
    return null;
  }
}
