import { z } from 'zod';
import type { Scope } from '../shared/auth';
import { PlanStep } from '../shared/task-history';
import { Task, ToolCallRecord } from '../shared/tasks';
import { callBridge, openBridgeStream, ProblemError, toProblem, type BridgeRequest, type Fetch } from './bridge-client';
import type { ApprovalSummary, ContentReply, PopupCommand, PopupView, Problem, SendMode, TaskSummary } from './messages';
import { nextPairing, PairPoll, PairRequested, pairingView, type PairingEvent } from './pairing';
import { SseParser, type SseEvent } from './sse';
import { INITIAL_STATE, readStoredState, type StoredState } from './stored-state';

/** What the service worker gives the controller: the browser's APIs, behind functions tests can fake. */
export interface ControllerDeps {
  fetch: Fetch;
  loadState(): Promise<unknown>;
  saveState(state: StoredState): Promise<void>;
  /** Reads the tab's page (or selection) through the content script; throws a ProblemError when it cannot. */
  extract(tabId: number, mode: SendMode): Promise<ContentReply>;
  now(): number;
  /** Runs `run` after `ms`; returns what cancels it. */
  later(run: () => void, ms: number): () => void;
}

export const PAIR_POLL_MS = 1000;
export const EVENTS_RETRY_MS = 3000;
export const CLIENT_NAME = 'Chrome extension';
export const REQUESTED_SCOPES: readonly Scope[] = ['tasks:read', 'tasks:write', 'approvals', 'pages:send'];
const TASK_TOPICS = ['task.updated', 'task.step', 'task.toolCall'];
const INPUT_PREVIEW_CHARS = 300;
/** Problems of the link itself: the next call that gets through clears them. */
const LINK_PROBLEMS: readonly Problem['kind'][] = ['unreachable', 'not-aura'];

const AppInfo = z.object({ name: z.string() });
const TaskOverviewSlice = z.object({ task: Task, steps: z.array(PlanStep) });

/**
 * The extension's one holder of the token and its only caller of the bridge: pairs, sends pages, follows
 * the last task and answers its approvals. The popup only sends commands and shows the views it gets.
 */
export class ExtensionController {
  private state: StoredState = INITIAL_STATE;
  private reachable: boolean | null = null;
  private sending = false;
  private problem: Problem | null = null;
  private task: TaskSummary | null = null;
  private approvals: ApprovalSummary[] = [];
  private readonly answering = new Set<string>();
  private readonly viewers = new Set<(view: PopupView) => void>();
  private cancelPoll: (() => void) | null = null;
  private events: AbortController | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  /** Resolves once the stored state is read; every command waits for it. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: ControllerDeps) {
    this.ready = deps.loadState().then(
      (raw) => {
        this.state = readStoredState(raw);
        // A request left waiting when the worker was stopped goes on being polled.
        if (this.state.pairing.status === 'waiting') this.schedulePoll();
      },
      () => undefined,
    );
  }

  view(): PopupView {
    return {
      port: this.state.port,
      pairing: pairingView(this.state.pairing),
      reachable: this.reachable,
      sending: this.sending,
      problem: this.problem,
      task: this.task,
      approvals: this.approvals,
      answering: [...this.answering],
    };
  }

  /** A popup connected: it gets the view now and after every change, until it calls the returned detach. */
  attach(viewer: (view: PopupView) => void): () => void {
    this.viewers.add(viewer);
    viewer(this.view());
    this.syncEvents();
    return () => {
      this.viewers.delete(viewer);
      this.syncEvents();
    };
  }

  async handle(command: PopupCommand): Promise<void> {
    await this.ready;
    switch (command.type) {
      case 'hello':
        return this.check();
      case 'port.set':
        return this.setPort(command.port);
      case 'pair.start':
        return this.startPairing();
      case 'pair.cancel':
        this.problem = null;
        this.forgetTask();
        await this.changePairing({ type: 'cancel' });
        return this.save();
      case 'page.send':
        return this.sendPage(command.tabId, command.mode, command.instruction);
      case 'task.refresh':
        return this.refreshTask();
      case 'task.forget':
        this.forgetTask();
        return this.save();
      case 'approval.answer':
        return this.answer(command.toolCallId, command.decision);
    }
  }

  /** Whether the app answers and still accepts the token; then the task's news. */
  private async check(): Promise<void> {
    const token = this.token();
    try {
      await this.call({ method: 'GET', path: '/info', token }, AppInfo);
    } catch (err) {
      const problem = toProblem(err);
      // Unpaired, a 401 only says the app is there.
      if (token !== null || problem.kind !== 'unauthorized') this.problem = problem;
    }
    this.publish();
    await this.refreshTask();
  }

  private async setPort(port: number): Promise<void> {
    if (port === this.state.port) return this.check();
    this.state = { ...this.state, port };
    this.reachable = null;
    this.problem = null;
    await this.save();
    this.restartEvents();
    return this.check();
  }

  private async startPairing(): Promise<void> {
    const before = this.state.pairing;
    await this.changePairing({ type: 'start' });
    if (this.state.pairing === before) return;
    this.problem = null;
    this.publish();
    try {
      const request = await this.call({ method: 'POST', path: '/pair', body: { name: CLIENT_NAME, scopes: REQUESTED_SCOPES } }, PairRequested);
      await this.changePairing({ type: 'requested', request });
      this.schedulePoll();
    } catch (err) {
      const problem = toProblem(err);
      const link = LINK_PROBLEMS.includes(problem.kind);
      if (link) this.problem = problem;
      await this.changePairing({ type: 'request-failed', reason: link ? 'unreachable' : 'rejected', ...(link ? {} : { message: problem.message, hint: problem.hint }) });
    }
  }

  private schedulePoll(): void {
    this.cancelPoll?.();
    this.cancelPoll = this.deps.later(() => {
      this.cancelPoll = null;
      void this.poll();
    }, PAIR_POLL_MS);
  }

  private async poll(): Promise<void> {
    const pairing = this.state.pairing;
    if (pairing.status !== 'waiting') return;
    const { requestId } = pairing;
    await this.changePairing({ type: 'tick', now: this.deps.now() });
    if (this.state.pairing !== pairing) return;
    try {
      const poll = await this.call({ method: 'GET', path: `/pair/${encodeURIComponent(requestId)}`, headers: { 'x-pair-secret': pairing.pollSecret } }, PairPoll);
      await this.changePairing({ type: 'polled', requestId, poll });
      if (this.token() !== null) this.syncEvents();
    } catch (err) {
      const problem = toProblem(err);
      if (problem.kind === 'unauthorized' || problem.code === 'NOT_FOUND') await this.changePairing({ type: 'poll-lost', requestId });
      else {
        // The app may be restarting: keep the request and ask again.
        this.problem = problem;
        this.publish();
      }
    }
    const now = this.state.pairing;
    if (now.status === 'waiting' && now.requestId === requestId && this.cancelPoll === null) this.schedulePoll();
  }

  private async sendPage(tabId: number, mode: SendMode, instruction: string): Promise<void> {
    if (this.sending) return;
    const token = this.token();
    if (token === null) {
      this.problem = { kind: 'unauthorized' };
      return this.publish();
    }
    this.sending = true;
    this.problem = null;
    this.publish();
    try {
      const page = await this.deps.extract(tabId, mode);
      if (page.type === 'aura.extractFailed') throw new ProblemError({ kind: page.reason });
      const body = { url: page.url, title: page.title, text: page.text, ...(page.selection ? { selection: page.selection } : {}), ...(instruction ? { instruction } : {}) };
      const task = await this.call({ method: 'POST', path: '/pages', token, body }, Task);
      this.state = { ...this.state, taskId: task.id };
      this.task = summarize(task, []);
      this.approvals = [];
      await this.save();
      this.restartEvents();
      void this.refreshTask();
    } catch (err) {
      this.problem = toProblem(err);
    } finally {
      this.sending = false;
      this.publish();
    }
  }

  /** Loads the task and its approvals; calls made while one runs are folded into one more. */
  private refreshTask(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.loadTask();
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async loadTask(): Promise<void> {
    const token = this.token();
    const id = this.state.taskId;
    if (token === null || id === null) return;
    try {
      const overview = await this.call({ method: 'GET', path: `/tasks/${id}?limit=1`, token }, TaskOverviewSlice);
      const approvals = this.scopes().includes('approvals') ? await this.call({ method: 'GET', path: '/approvals', token }, z.array(ToolCallRecord)) : [];
      if (this.state.taskId !== id) return;
      this.task = summarize(overview.task, overview.steps);
      this.approvals = approvals.filter((call) => call.taskId === id && call.status === 'waiting_approval').map(summarizeApproval);
    } catch (err) {
      const problem = toProblem(err);
      if (problem.code === 'NOT_FOUND' && this.state.taskId === id) {
        this.forgetTask();
        await this.save();
      } else this.problem = problem;
    }
    this.publish();
  }

  private async answer(toolCallId: string, decision: 'once' | 'deny'): Promise<void> {
    const token = this.token();
    if (token === null || this.answering.has(toolCallId)) return;
    this.answering.add(toolCallId);
    this.publish();
    try {
      await this.call({ method: 'POST', path: `/approvals/${toolCallId}`, token, body: { decision } }, ToolCallRecord);
      this.approvals = this.approvals.filter((approval) => approval.id !== toolCallId);
    } catch (err) {
      this.problem = toProblem(err);
    } finally {
      this.answering.delete(toolCallId);
      this.publish();
    }
    await this.refreshTask();
  }

  /** The event stream is open while a popup is open, the extension is paired and follows a task. */
  private syncEvents(): void {
    const wanted = this.viewers.size > 0 && this.token() !== null && this.state.taskId !== null;
    if (wanted && !this.events) this.openEvents();
    else if (!wanted && this.events) {
      this.events.abort();
      this.events = null;
    }
  }

  private restartEvents(): void {
    this.events?.abort();
    this.events = null;
    this.syncEvents();
  }

  private openEvents(): void {
    const abort = new AbortController();
    this.events = abort;
    const taskId = this.state.taskId;
    const token = this.token();
    void (async () => {
      try {
        const body = await openBridgeStream(this.deps.fetch, this.state.port, { method: 'GET', path: `/events?topics=${TASK_TOPICS.join(',')}`, token, signal: abort.signal });
        this.reachable = true;
        // What happened before the stream opened is caught up once.
        void this.refreshTask();
        const reader = body.getReader();
        const decoder = new TextDecoder();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (parser.push(decoder.decode(value, { stream: true })).some((event) => concernsTask(event, taskId))) void this.refreshTask();
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        const problem = toProblem(err);
        if (problem.kind === 'unauthorized') {
          this.problem = problem;
          await this.changePairing({ type: 'unauthorized' });
          return;
        }
        // Without tasks:read there is no stream; Refresh still works. (The stream stays "open" so it is not retried in a loop.)
        if (problem.kind === 'forbidden') return;
      }
      if (abort.signal.aborted || this.events !== abort) return;
      // The stream ended (the app stopped or restarted): open it again after a pause.
      this.deps.later(() => {
        if (this.events !== abort) return;
        this.events = null;
        this.syncEvents();
      }, EVENTS_RETRY_MS);
    })();
  }

  private async call<T>(request: BridgeRequest, schema: z.ZodType<T>): Promise<T> {
    try {
      const result = await callBridge(this.deps.fetch, this.state.port, request, schema);
      this.reachable = true;
      if (this.problem && LINK_PROBLEMS.includes(this.problem.kind)) this.problem = null;
      return result;
    } catch (err) {
      if (err instanceof ProblemError) {
        this.reachable = err.problem.kind !== 'unreachable';
        if (err.problem.kind === 'unauthorized' && request.token) await this.changePairing({ type: 'unauthorized' });
      }
      throw err;
    }
  }

  private async changePairing(event: PairingEvent): Promise<void> {
    const next = nextPairing(this.state.pairing, event);
    if (next === this.state.pairing) return;
    this.state = { ...this.state, pairing: next };
    if (next.status !== 'waiting') {
      this.cancelPoll?.();
      this.cancelPoll = null;
    }
    if (next.status !== 'paired') this.restartEvents();
    await this.save();
    this.publish();
  }

  private forgetTask(): void {
    this.state = { ...this.state, taskId: null };
    this.task = null;
    this.approvals = [];
    this.restartEvents();
    this.publish();
  }

  private token(): string | null {
    return this.state.pairing.status === 'paired' ? this.state.pairing.token : null;
  }

  private scopes(): readonly Scope[] {
    return this.state.pairing.status === 'paired' ? this.state.pairing.scopes : [];
  }

  private save(): Promise<void> {
    return this.deps.saveState(this.state).catch(() => undefined);
  }

  private publish(): void {
    const view = this.view();
    for (const viewer of this.viewers) viewer(view);
  }
}

/** Whether an event of the stream is about the task: `task.updated` carries the task, the rest its id. */
export function concernsTask(event: SseEvent, taskId: string | null): boolean {
  if (taskId === null) return false;
  try {
    const data = JSON.parse(event.data) as { id?: unknown; taskId?: unknown } | null;
    return event.event === 'task.updated' ? data?.id === taskId : data?.taskId === taskId;
  } catch {
    return false;
  }
}

function summarize(task: Task, steps: readonly PlanStep[]): TaskSummary {
  return {
    id: task.id,
    goal: task.goal,
    status: task.status,
    error: task.error,
    steps: steps.map((step) => ({ title: step.title, status: step.status })),
  };
}

function summarizeApproval(call: ToolCallRecord): ApprovalSummary {
  let input: string;
  try {
    input = JSON.stringify(call.input) ?? '';
  } catch {
    input = '';
  }
  return { id: call.id, name: call.name, risk: call.risk, input: input.length > INPUT_PREVIEW_CHARS ? `${input.slice(0, INPUT_PREVIEW_CHARS)}…` : input };
}
