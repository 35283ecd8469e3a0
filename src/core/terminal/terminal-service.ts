import { randomUUID } from 'node:crypto';
import { sep } from 'node:path';
import { AuraError } from '../../shared/errors';
import type { ToolCallRecord } from '../../shared/tasks';
import type { TERMINAL_WORKER_METHODS, TerminalExit, TerminalOpened } from '../../shared/terminal';
import type { SandboxParams, ToolOutputChunk } from '../../shared/vm';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { WorkerClient } from '../workers/worker-client';
import { commandFooter, commandHeader, outputText } from './agent-echo';
import { TerminalOutput, type TerminalOutputOptions } from './terminal-output';

type TerminalWorker = Pick<WorkerClient<typeof TERMINAL_WORKER_METHODS>, 'call'>;

export interface TerminalServiceDeps {
  /** The VM worker's terminal methods; its process starts with the first terminal. */
  worker(): TerminalWorker;
  /** A workspace's real path, or null when there is no such workspace. */
  workspacePath(workspaceId: string): string | null;
  /** The sandbox a workspace gets under the current settings (the same the `shell` tool gets). */
  sandboxFor(roots: string[]): SandboxParams;
  /** The folder a task works in, for showing its commands in that folder's terminal; null when unknown. */
  taskFolder(taskId: string): string | null;
  /** Appends to the audit trail (and announces it): a terminal started or closed; keystrokes are not recorded. */
  audit(record: { actor: string; action: string; target: string; detail: Record<string, unknown> }): void;
  events: EventBus;
  logger: Logger;
  output?: TerminalOutputOptions;
}

interface Session {
  id: string;
  workspaceId: string;
  root: string;
  network: 'on' | 'off';
  output: TerminalOutput;
  alive: boolean;
  closing: boolean;
  /** Settles once the shell has started (its first, empty, progress) or failed to. */
  started: Promise<void>;
}

/**
 * The Terminal page's shells: one per workspace, in the workspace's sandbox, run by the VM worker on a
 * pty. A page that opens the terminal of a workspace whose shell runs gets that shell back with its
 * scrollback (a reload re-attaches). Output reaches the pages as `terminal.data`, redacted and batched
 * (TerminalOutput). While a terminal is open, the agent's `shell` commands in its workspace show in it as
 * they run: a header, the streamed output, the exit code.
 */
export class TerminalService {
  private readonly sessions = new Map<string, Session>();
  /** Calls of the `shell` tool shown in a terminal: tool call id → session id, and whether output came. */
  private readonly echoed = new Map<string, { sessionId: string; streamed: boolean }>();
  private readonly stopListening: () => void;

  constructor(private readonly deps: TerminalServiceDeps) {
    this.stopListening = deps.events.subscribe((event, payload) => {
      if (event === 'task.toolCall') this.onToolCall(payload as ToolCallRecord);
      else if (event === 'task.toolOutput') this.onToolOutput(payload as ToolOutputChunk);
    });
  }

  /** The workspace's terminal: the running one with its scrollback, or a new one. */
  async open(workspaceId: string, cols: number, rows: number, actor: string): Promise<TerminalOpened> {
    const running = this.byWorkspace(workspaceId);
    if (running) {
      await running.started;
      // The page that attaches has its own size; the shell takes it (the last page to attach wins).
      if (running.alive) await this.resize(running.id, cols, rows);
      if (running.alive) return this.opened(running, false);
    }
    const root = this.deps.workspacePath(workspaceId);
    if (root === null) throw new AuraError('NOT_FOUND', 'That workspace does not exist.', 'Pick one from the list.');
    const sandbox = this.deps.sandboxFor([root]);
    const id = randomUUID();
    const output = new TerminalOutput((data, offset) => this.deps.events.emit('terminal.data', { sessionId: id, data, offset }), this.deps.output);
    let markStarted!: () => void;
    const session: Session = { id, workspaceId, root, network: sandbox.network ? 'on' : 'off', output, alive: true, closing: false, started: new Promise((resolve) => (markStarted = resolve)) };
    this.sessions.set(id, session);
    const run = this.deps.worker().call('terminal.start', { session: id, sandbox, cols, rows }, { onProgress: ({ data }) => (markStarted(), output.write(data)) });
    run.then(
      ({ exitCode }) => this.ended(session, exitCode, session.closing ? 'closed' : 'exited'),
      (err: unknown) => {
        if (err instanceof AuraError && err.code === 'WORKER_CRASHED') output.write(`\r\n${err.message}\r\n`);
        this.ended(session, null, err instanceof AuraError && err.code === 'WORKER_CRASHED' ? 'crashed' : 'exited');
      },
    );
    // A shell that could not start (no sandbox, a refused folder) fails the open with the reason.
    await Promise.race([session.started, run.then(() => undefined)]);
    markStarted();
    this.deps.audit({ actor, action: 'terminal.open', target: workspaceId, detail: { path: root, network: session.network } });
    return this.opened(session, true);
  }

  async write(sessionId: string, data: string): Promise<{ written: boolean }> {
    const session = this.live(sessionId);
    if (!session) return { written: false };
    return this.deps.worker().call('terminal.input', { session: sessionId, data });
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<{ resized: boolean }> {
    const session = this.live(sessionId);
    if (!session) return { resized: false };
    return this.deps.worker().call('terminal.resize', { session: sessionId, cols, rows });
  }

  /** Ends the shell and everything it started; the next open starts a new one. */
  async close(sessionId: string, actor: string): Promise<{ closed: boolean }> {
    const session = this.live(sessionId);
    if (!session) return { closed: false };
    session.closing = true;
    const { stopped } = await this.deps.worker().call('terminal.stop', { session: sessionId });
    if (stopped) this.deps.audit({ actor, action: 'terminal.close', target: session.workspaceId, detail: { path: session.root } });
    return { closed: stopped };
  }

  /** Stops listening; the worker pool ends the shells with the worker. */
  dispose(): void {
    this.stopListening();
    for (const session of this.sessions.values()) session.output.close();
    this.sessions.clear();
  }

  private opened(session: Session, started: boolean): TerminalOpened {
    if (!session.alive) {
      const said = session.output.snapshot().scrollback.trim().slice(-500);
      throw new AuraError('IO_ERROR', `The terminal stopped as soon as it started${said ? `: ${said}` : '.'}`, 'Open it again; if it keeps stopping, see Settings → Readiness.');
    }
    return { sessionId: session.id, workspaceId: session.workspaceId, network: session.network, started, ...session.output.snapshot() };
  }

  private byWorkspace(workspaceId: string): Session | undefined {
    for (const session of this.sessions.values()) if (session.workspaceId === workspaceId && session.alive) return session;
    return undefined;
  }

  private live(sessionId: string): Session | undefined {
    const session = this.sessions.get(sessionId);
    return session?.alive ? session : undefined;
  }

  private ended(session: Session, exitCode: number | null, reason: TerminalExit['reason']): void {
    if (!session.alive) return;
    session.alive = false;
    session.output.close();
    this.sessions.delete(session.id);
    for (const [callId, echo] of this.echoed) if (echo.sessionId === session.id) this.echoed.delete(callId);
    this.deps.logger.info('terminal ended', { workspaceId: session.workspaceId, exitCode, reason });
    this.deps.events.emit('terminal.exit', { sessionId: session.id, exitCode, reason });
  }

  private onToolCall(call: ToolCallRecord): void {
    if (call.name !== 'shell') return;
    const echo = this.echoed.get(call.id);
    if (echo) {
      if (call.status === 'running') return;
      this.echoed.delete(call.id);
      this.sessions.get(echo.sessionId)?.output.write(commandFooter(call, echo.streamed));
      return;
    }
    // Shown from the moment it runs (a call waiting for approval has not run yet).
    if (call.status !== 'running' && call.status !== 'done' && call.status !== 'failed') return;
    const session = this.sessionForTask(call.taskId);
    const command = (call.input as { command?: unknown } | null)?.command;
    if (!session || typeof command !== 'string') return;
    session.output.write(commandHeader(command));
    if (call.status === 'running') this.echoed.set(call.id, { sessionId: session.id, streamed: false });
    else session.output.write(commandFooter(call, false));
  }

  private onToolOutput(piece: ToolOutputChunk): void {
    const echo = this.echoed.get(piece.toolCallId);
    if (!echo) return;
    echo.streamed = true;
    this.sessions.get(echo.sessionId)?.output.write(outputText(piece.chunk));
  }

  /** The open terminal of the workspace a task works in (or of the workspace holding its folder). */
  private sessionForTask(taskId: string): Session | undefined {
    if (this.sessions.size === 0) return undefined;
    let folder: string | null;
    try {
      folder = this.deps.taskFolder(taskId);
    } catch {
      return undefined;
    }
    if (folder === null) return undefined;
    for (const session of this.sessions.values()) if (session.alive && (folder === session.root || folder.startsWith(`${session.root}${sep}`))) return session;
    return undefined;
  }
}

