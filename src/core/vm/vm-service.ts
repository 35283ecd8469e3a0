import { AuraError } from '../../shared/errors';
import { TERMINAL_STATUSES } from '../../shared/tasks';
import { SHELL_LIMITS, VM_METHODS, VM_WORKER, type SandboxParams, type SandboxProbe, type SandboxStatus, type ShellInput, type ShellResult, type VmMethods } from '../../shared/vm';
import type { EventBus } from '../events/event-bus';
import type { SettingsService } from '../settings/settings-service';
import { resolveInside } from '../tools/path-guard';
import type { ToolContext } from '../tools/tool-definition';
import { hostFs, type WorkspaceFs } from '../tools/workspace-fs';
import type { WorkerClient } from '../workers/worker-client';
import type { WorkerPool } from '../workers/worker-pool';

export interface VmServiceDeps {
  workers: WorkerPool;
  settings: SettingsService;
  events: EventBus;
  /** Aura's data folder: never visible in a sandbox. */
  dataDir: string;
  /** The user's home: an empty private folder inside a sandbox. */
  home: string;
  /** Variables for the worker besides the allowlisted ones (tests: `AURA_VM_SANDBOX=none`). */
  workerEnv?: Record<string, string>;
}

/**
 * The host's side of the VM worker: what the sandbox of a call is (from the settings), the shell tool's
 * calls, the file tools' I/O, and the status Readiness shows. The worker starts with the first call that
 * needs it. Each task gets a shell of its own, ended when the task ends.
 */
export class VmService {
  private client: WorkerClient<VmMethods> | undefined;
  private probed: Promise<SandboxProbe> | undefined;
  /** Sessions with a shell in the worker: only these are closed when their task ends. */
  private readonly sessions = new Set<string>();
  /** Sessions whose shell died with a worker that crashed: their next result says the state is gone. */
  private readonly lost = new Set<string>();

  constructor(private readonly deps: VmServiceDeps) {
    deps.events.subscribe((event, payload) => {
      if (event !== 'task.updated') return;
      const task = payload as { id: string; status: (typeof TERMINAL_STATUSES)[number] };
      if (TERMINAL_STATUSES.includes(task.status) && this.sessions.has(task.id)) void this.closeSession(task.id);
    });
  }

  private worker(): WorkerClient<VmMethods> {
    this.client ??= this.deps.workers.create(VM_WORKER, VM_METHODS, this.deps.workerEnv ? { env: this.deps.workerEnv } : {});
    return this.client;
  }

  /** The VM worker's process id while it runs (Diagnostics, and the tests that kill it). */
  get workerPid(): number | undefined {
    return this.client?.pid;
  }

  /** What the worker found about the sandbox; asked once, again after a failure. */
  probe(): Promise<SandboxProbe> {
    this.probed ??= this.worker()
      .call('vm.probe', {})
      .catch((err: unknown) => {
        this.probed = undefined;
        throw err;
      });
    return this.probed;
  }

  /** For Readiness (`vm.status`): whether commands are sandboxed, and if not why every one asks first. */
  async status(): Promise<SandboxStatus> {
    const settings = this.deps.settings.getAll();
    let probed: SandboxProbe;
    try {
      probed = await this.probe();
    } catch (err) {
      const reason = `The VM worker could not be asked: ${err instanceof Error ? err.message : String(err)}`;
      probed = { sandbox: 'none', reason, files: 'host', filesReason: reason, processLimit: 'none' };
    }
    const reasons = [probed.reason, probed.files === 'host' && probed.sandbox === 'bubblewrap' ? probed.filesReason : null].filter(Boolean);
    return {
      sandbox: probed.sandbox,
      reason: reasons.length ? reasons.join(' ') : null,
      approval: probed.sandbox === 'none' ? 'ask' : 'profile',
      network: settings.vmNetwork,
      files: probed.files,
      limits: { timeoutMs: settings.vmTimeoutMs, outputBytes: SHELL_LIMITS.keptOutputBytes, processes: probed.processLimit === 'none' ? null : SHELL_LIMITS.processes, processLimit: probed.processLimit },
    };
  }

  /** Why a command must be approved whatever the profile (no sandbox), or null. */
  async askFirst(): Promise<string | null> {
    const probed = await this.probe();
    return probed.sandbox === 'none' ? `Commands run without a sandbox here, so each one is asked first: ${probed.reason ?? 'no sandbox.'}` : null;
  }

  /** The sandbox a call of these workspace roots gets under the current settings. */
  sandboxFor(roots: readonly string[]): SandboxParams {
    const settings = this.deps.settings.getAll();
    return { roots: [...roots], network: settings.vmNetwork === 'on', extraWritable: settings.vmExtraWritable, extraReadable: settings.vmExtraReadable, home: this.deps.home, dataDir: this.deps.dataDir };
  }

  /** Runs one command of the `shell` tool in the task's shell (or the workspace's, for one-off calls). */
  async runShell(input: ShellInput, ctx: ToolContext): Promise<ShellResult> {
    const root = ctx.roots[0];
    if (!root) throw new AuraError('BAD_REQUEST', 'No workspace folder is open.', 'Choose a workspace first.');
    const cwd = input.cwd === undefined ? undefined : resolveInside(ctx.roots, input.cwd);
    const session = ctx.taskId ?? `workspace:${root}`;
    this.sessions.add(session);
    const timeoutMs = input.timeout_ms ?? this.deps.settings.getAll().vmTimeoutMs;
    try {
      const result = await this.worker().call(
        'shell.run',
        { session, sandbox: this.sandboxFor(ctx.roots), command: input.command, ...(cwd ? { cwd } : {}), timeoutMs },
        { signal: ctx.signal, ...(ctx.onOutput ? { onProgress: ({ chunk }: { chunk: string }) => ctx.onOutput?.(chunk) } : {}) },
      );
      if (this.lost.delete(session) && !result.note) return { ...result, note: 'The VM worker had stopped, so a new shell was started: the folder and variables set by earlier commands are gone.' };
      return result;
    } catch (err) {
      if (err instanceof AuraError && err.code === 'WORKER_CRASHED') for (const open of this.sessions) this.lost.add(open);
      throw err;
    }
  }

  async closeSession(session: string): Promise<void> {
    this.sessions.delete(session);
    this.lost.delete(session);
    try {
      await this.client?.call('shell.close', { session });
    } catch {
      // A worker that is gone took the shell with it.
    }
  }

  /** The file tools' I/O: in the sandbox's file helper where there is one, else in this process. */
  readonly files: WorkspaceFs = {
    read: async (roots, real, maxBytes) => ((await this.sandboxedFiles()) ? this.worker().call('files.read', { sandbox: this.sandboxFor(roots), path: real, maxBytes }) : hostFs.read(roots, real, maxBytes)),
    write: async (roots, real, content) => ((await this.sandboxedFiles()) ? this.worker().call('files.write', { sandbox: this.sandboxFor(roots), path: real, content }) : hostFs.write(roots, real, content)),
    list: async (roots, real) => ((await this.sandboxedFiles()) ? this.worker().call('files.list', { sandbox: this.sandboxFor(roots), path: real }) : hostFs.list(roots, real)),
    readMany: async (roots, reals, maxBytes, signal) => {
      if (!(await this.sandboxedFiles())) return hostFs.readMany(roots, reals, maxBytes, signal);
      return (await this.worker().call('files.readMany', { sandbox: this.sandboxFor(roots), paths: reals, maxBytes }, { signal })).texts;
    },
  };

  private async sandboxedFiles(): Promise<boolean> {
    return (await this.probe()).files === 'sandbox';
  }
}
