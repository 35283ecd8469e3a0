import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BROWSER_LIMITS,
  BROWSER_METHODS,
  BROWSER_WORKER,
  refusedUrl,
  type ActionResult,
  type BrowserAction,
  type BrowserInputEvent,
  type BrowserMethods,
  type BrowserSession,
  type BrowserSessionDetail,
  type NavigateResult,
  type PrivateNetwork,
  type ScreenshotResult,
} from '../../shared/browser';
import { AuraError } from '../../shared/errors';
import { SCREENSHOTS_DIR } from '../../shared/image-output';
import { TERMINAL_STATUSES, type Task } from '../../shared/tasks';
import type { EventBus } from '../events/event-bus';
import { writeFileAtomic } from '../files/atomic-file';
import { checkChromium, type MachineFacts } from '../readiness/readiness-checks';
import { hostFacts } from '../readiness/readiness-service';
import type { SettingsService } from '../settings/settings-service';
import type { ToolContext } from '../tools/tool-definition';
import type { WorkerClient } from '../workers/worker-client';
import type { WorkerPool } from '../workers/worker-pool';
import { SessionState } from './browser-log';
import { LiveViews } from './live-views';

export interface BrowserServiceDeps {
  workers: WorkerPool;
  settings: SettingsService;
  events: EventBus;
  /** A task's goal (the session's label) and permission profile; null when there is no such task. */
  task(taskId: string): Pick<Task, 'goal' | 'profile'> | null;
  /** Appends to the audit trail (and announces it): the user took over, handed back or stopped a browser. */
  audit(record: { actor: string; action: string; target: string; detail: Record<string, unknown> }): void;
  /** Aura's data folder: screenshots are saved under it. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Test seams: where browsers are looked for, and how long a navigation may take. */
  facts?: MachineFacts;
  navigationTimeoutMs?: number;
}

const stoppedError = () => new AuraError('CANCELLED', 'The user stopped this browser on the Browser page.', 'Go on without the browser, or ask the user to let the agent continue there.');

/**
 * The host's side of the browser worker: one browser session per task (per workspace for one-off calls),
 * each an isolated context in the worker. Every agent call goes through here, so the Browser page sees it
 * in the session's action log and can step in: **take over** (the agent's calls wait until the user hands
 * the page back), **stop** (calls in flight are cancelled, later ones refused, the context closed), and the
 * live view (frames while a page watches). The worker starts with the first call; a crash fails the calls
 * in flight with WORKER_CRASHED, and the next call starts a fresh worker, saying the old pages are gone.
 */
export class BrowserService {
  private client: WorkerClient<BrowserMethods> | undefined;
  private readonly sessions = new Map<string, SessionState>();
  /** Sessions whose context died with a worker that crashed: their next result says so. */
  private readonly lost = new Set<string>();
  private readonly facts: MachineFacts;
  private readonly live: LiveViews;

  constructor(private readonly deps: BrowserServiceDeps) {
    this.facts = deps.facts ?? hostFacts(deps.env);
    this.live = new LiveViews({ worker: () => this.client, events: deps.events, onPage: (state, url, title) => this.pageMoved(state, url, title) });
    deps.events.subscribe((event, payload) => {
      if (event !== 'task.updated') return;
      const task = payload as Task;
      if (TERMINAL_STATUSES.includes(task.status) && this.sessions.get(task.id)?.open) void this.closeSession(task.id);
    });
  }

  private worker(): WorkerClient<BrowserMethods> {
    this.client ??= this.deps.workers.create(BROWSER_WORKER, BROWSER_METHODS);
    return this.client;
  }

  /** The browser worker's process id while it runs (Diagnostics, and the tests that kill it). */
  get workerPid(): number | undefined {
    return this.client?.pid;
  }

  // ── The tools ──────────────────────────────────────────────────────────────────────────────────

  async navigate(url: string, ctx: ToolContext): Promise<NavigateResult> {
    const refused = refusedUrl(url);
    if (refused) throw new AuraError('FORBIDDEN', refused, 'Open an http or https address.');
    const timeoutMs = this.deps.navigationTimeoutMs ?? BROWSER_LIMITS.navigationTimeoutMs;
    return this.agentCall(ctx, 'navigate', url, async (state, signal) => {
      const result = await this.worker().call('browser.navigate', { ...this.sessionParams(state, ctx), url, timeoutMs }, { signal, timeoutMs: timeoutMs + 30_000 });
      state.page(result.url, result.title);
      return { ...result, notes: [...this.lostNote(state), ...result.notes] };
    });
  }

  async act(action: BrowserAction, detail: string, ctx: ToolContext): Promise<ActionResult> {
    return this.agentCall(ctx, action.kind, detail, async (state, signal) => {
      const result = await this.worker().call('browser.act', { ...this.sessionParams(state, ctx), action }, { signal, timeoutMs: BROWSER_LIMITS.maxWaitMs + 30_000 });
      state.page(result.url, result.title);
      return result;
    });
  }

  async screenshot(fullPage: boolean, ctx: ToolContext): Promise<ScreenshotResult> {
    return this.agentCall(ctx, 'screenshot', fullPage ? 'whole page' : 'visible part', async (state, signal) => {
      const shot = await this.worker().call('browser.screenshot', { session: state.id, fullPage }, { signal, timeoutMs: 60_000 });
      const dir = join(this.deps.dataDir, SCREENSHOTS_DIR, 'browser');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.png`);
      writeFileAtomic(path, shot.png, 0o600);
      return { path, mimeType: 'image/png' as const, width: shot.width, height: shot.height, url: shot.url, title: shot.title };
    });
  }

  /** The address of the page this call's session shows (the approval preview of a click); null before any. */
  pageUrl(ctx: ToolContext): string | null {
    return this.sessions.get(ctx.taskId ?? `workspace:${ctx.roots[0] ?? ''}`)?.url ?? null;
  }

  // ── The Browser page ───────────────────────────────────────────────────────────────────────────

  list(): BrowserSession[] {
    return [...this.sessions.values()].map((state) => state.info()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  detail(id: string): BrowserSessionDetail {
    return this.session(id).detail();
  }

  watch(id: string): { watching: boolean } {
    const state = this.session(id);
    this.live.watch(state);
    return { watching: true };
  }

  unwatch(id: string): { watching: boolean } {
    this.live.unwatch(id);
    return { watching: false };
  }

  takeOver(id: string, actor: string): BrowserSession {
    const state = this.session(id);
    if (!state.open) throw new AuraError('CONFLICT', 'This browser is closed: there is no page to take over.', 'Its task ended, or it was stopped.');
    if (state.mode === 'user') return state.info();
    state.setMode('user');
    this.userEntry(state, actor, 'take-over', 'The agent’s actions wait until you hand the page back.');
    return state.info();
  }

  handBack(id: string, actor: string): BrowserSession {
    const state = this.session(id);
    if (state.mode === 'agent') return state.info();
    state.setMode('agent');
    this.userEntry(state, actor, 'hand-back', null);
    return state.info();
  }

  async stop(id: string, actor: string): Promise<BrowserSession> {
    const state = this.session(id);
    state.setMode('stopped');
    for (const controller of state.inFlight) controller.abort(stoppedError());
    this.userEntry(state, actor, 'stop', 'The agent’s browser actions are cancelled and refused until you let it continue.');
    await this.closeSession(id);
    return state.info();
  }

  async input(id: string, event: BrowserInputEvent): Promise<{ url: string; title: string }> {
    const state = this.session(id);
    if (state.mode !== 'user') throw new AuraError('FORBIDDEN', 'The agent is driving this page.', 'Press “Take over” first.');
    const page = await this.worker().call('browser.input', { session: id, event }, { timeoutMs: 30_000 });
    this.pageMoved(state, page.url, page.title, 'user');
    this.live.ensure(state);
    return page;
  }

  // ── Inside ─────────────────────────────────────────────────────────────────────────────────────

  /** Runs one agent call in its session: waits while the user holds the page, refuses after a stop, logs it. */
  private async agentCall<T extends { url: string }>(ctx: ToolContext, action: string, detail: string, run: (state: SessionState, signal: AbortSignal) => Promise<T>): Promise<T> {
    const state = this.sessionFor(ctx);
    if (state.mode === 'stopped') throw stoppedError();
    const entry = state.add({ by: 'agent', action, detail, status: state.mode === 'user' ? 'waiting' : 'running' });
    const controller = new AbortController();
    state.inFlight.add(controller);
    state.busy += 1;
    this.announce(state, entry);
    const signal = AbortSignal.any([ctx.signal, controller.signal]);
    try {
      if (state.mode === 'user') {
        await untilOrAbort(state.untilAgentMayAct(), signal);
        // Stop settles the wait too: a stopped browser refuses the call it held.
        if (state.isStopped()) throw stoppedError();
        entry.status = 'running';
        this.announce(state, entry);
      }
      const result = await run(state, signal);
      this.lost.delete(state.id);
      state.settle(entry, 'done', result.url);
      return result;
    } catch (err) {
      const error = this.explain(state, err);
      state.settle(entry, 'failed', error.message, error.toShape());
      throw error;
    } finally {
      state.inFlight.delete(controller);
      state.busy -= 1;
      state.touch();
      this.announce(state, entry);
      this.live.ensure(state);
    }
  }

  /** A failure as the agent should read it; a crash also marks every session's pages as gone. */
  private explain(state: SessionState, err: unknown): AuraError {
    const error = err instanceof AuraError ? err : new AuraError('IO_ERROR', err instanceof Error ? err.message : String(err));
    if (error.code === 'WORKER_CRASHED') {
      for (const session of this.sessions.values()) {
        if (!session.open) continue;
        session.open = false;
        this.lost.add(session.id);
        this.deps.events.emit('browser.session', session.info());
      }
    }
    if (error.code === 'NOT_FOUND' && this.lost.has(state.id)) {
      return new AuraError('NOT_FOUND', 'The browser worker stopped since this task’s last browser call, so its pages are gone.', 'Open the page again with browser_navigate.');
    }
    return error;
  }

  private lostNote(state: SessionState): string[] {
    return this.lost.has(state.id) ? ['The browser worker had stopped, so this browser started afresh: the pages, cookies and logins of earlier calls are gone.'] : [];
  }

  /** The task's session (the workspace's for one-off calls), made on first use. */
  private sessionFor(ctx: ToolContext): SessionState {
    const root = ctx.roots[0];
    if (!root) throw new AuraError('BAD_REQUEST', 'No workspace folder is open.', 'Choose a workspace first.');
    const id = ctx.taskId ?? `workspace:${root}`;
    let state = this.sessions.get(id);
    if (!state) {
      const label = ctx.taskId ? (this.deps.task(ctx.taskId)?.goal.slice(0, 200) ?? ctx.taskId) : root;
      state = new SessionState(id, ctx.taskId, label);
      this.sessions.set(id, state);
    }
    return state;
  }

  private session(id: string): SessionState {
    const state = this.sessions.get(id);
    if (!state) throw new AuraError('NOT_FOUND', 'There is no such browser session.', 'It may belong to a run of Aura Work that has ended: pick one from the list.');
    return state;
  }

  private sessionParams(state: SessionState, ctx: ToolContext) {
    return { session: state.id, launch: { executablePath: this.executablePath() }, privateNetwork: this.privateNetwork(state), workspace: ctx.roots[0] ?? '' };
  }

  /**
   * SECURITY: a task whose profile lets tools use the network unasked (`yes`) may reach private addresses;
   * under the others (and for one-off calls, whose profile is not known here) a page reaches only the
   * private origins the agent navigated to, each navigation having been approved.
   */
  private privateNetwork(state: SessionState): PrivateNetwork {
    // Only the built-in `yes` counts: a custom profile (even one allowing every network tool) stays on approved origins.
    const profile: string | undefined = state.taskId ? this.deps.task(state.taskId)?.profile : undefined;
    return profile === 'yes' ? 'allow' : 'approved';
  }

  /** The browser the settings name, or the first Readiness finds; never a download. */
  private executablePath(): string {
    const found = checkChromium(this.facts, this.deps.settings.getAll().chromiumPath);
    if (found.state !== 'ready' || !found.path) throw new AuraError('NOT_FOUND', `No browser to drive: ${found.detail}`, found.fix ?? 'See Settings → Readiness.');
    return found.path;
  }

  private pageMoved(state: SessionState, url: string, title: string, by: 'agent' | 'user' = 'agent'): void {
    const moved = state.url !== url;
    state.page(url, title);
    // What the user did on a page they took over shows in the log by where it led.
    if (moved && by === 'user') this.deps.events.emit('browser.log', { sessionId: state.id, entry: state.settle(state.add({ by: 'user', action: 'navigate', detail: url, status: 'done' }), 'done', title || url) });
    this.deps.events.emit('browser.session', state.info());
  }

  private userEntry(state: SessionState, actor: string, action: string, outcome: string | null): void {
    const entry = state.settle(state.add({ by: 'user', action, detail: state.url ?? '', status: 'done' }), 'done', outcome);
    this.announce(state, entry);
    this.deps.audit({ actor, action: `browser.${action}`, target: state.id, detail: { url: state.url } });
  }

  private announce(state: SessionState, entry: Parameters<SessionState['settle']>[0]): void {
    this.deps.events.emit('browser.log', { sessionId: state.id, entry: { ...entry } });
    this.deps.events.emit('browser.session', state.info());
  }

  private async closeSession(id: string): Promise<void> {
    const state = this.sessions.get(id);
    this.live.end(id);
    if (state) {
      state.open = false;
      state.touch();
      this.deps.events.emit('browser.session', state.info());
    }
    try {
      await this.client?.call('browser.close', { session: id }, { timeoutMs: 30_000 });
    } catch {
      // A worker that is gone took the context with it.
    }
  }
}

/** Resolves when `promise` does; rejects with the signal's reason once it aborts. */
function untilOrAbort(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
