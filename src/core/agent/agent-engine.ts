import { realpathSync } from 'node:fs';
import type { ModelMessage } from 'ai';
import { AuraError } from '../../shared/errors';
import type { ModelRef, ModelRole } from '../../shared/providers';
import { TERMINAL_STATUSES, type Task, type ToolCallRecord } from '../../shared/tasks';
import { RESUMABLE_STATUSES } from '../../shared/task-states';
import type { Logger } from '../logging/logger';
import type { ModelRouter } from '../providers/model-router';
import type { SettingsService } from '../settings/settings-service';
import { stopError, type TaskStore } from '../tasks/task-store';
import type { ToolRegistry } from '../tools/tool-registry';
import type { ToolRunner } from '../tools/tool-runner';
import type { ApprovalAnswer, PermissionProfileDoc } from '../../shared/permissions';
import type { AuditRecord } from '../audit/audit-log';
import type { ProfileStore } from '../permissions/profile-store';
import { TaskGrants } from '../permissions/task-grants';
import { DEFAULT_LIMITS, type AgentLimits } from './agent-limits';
import { buildAgentTools, recordRejectedCall } from './agent-tools';
import { ApprovalQueue } from './approval-queue';
import type { ImageReader } from './image-reader';
import { deadline } from './deadline';
import { runModelTurn, type TurnResult } from './model-turn';
import { ContextCompactor, estimateTokens, modelSummarizer } from './context-compactor';
import { stopCause } from './finish-reasons';
import { AccountBudgetSpent } from '../providers/account-budget';
import { RepeatedFailure } from './repeated-failure';
import { costUsd } from '../providers/pricing';
import { capRedacted } from '../secrets/secret-values';
import { executorSystem, plannerSystem, repairRequest, reviewerSystem, reviewRequest, stepInstruction, withPage } from './prompts';
import { parseStructured, PlanReply, ReviewReply } from './structured-reply';
import type { z } from 'zod';

class Cancelled extends Error {}
/** Aborts for shutdown: the task is left `interrupted`, to be resumed, not `cancelled`. */
class Shutdown extends Error {}

export interface AgentDeps {
  store: TaskStore;
  router: ModelRouter;
  registry: ToolRegistry;
  runner: ToolRunner;
  settings: SettingsService;
  /** The permission profiles tasks run under; "always allow" answers add rules to them. */
  profiles: ProfileStore;
  /** Writes (and announces) an audit entry: every approval answer is one. */
  audit: (record: AuditRecord) => void;
  logger: Logger;
  limits?: Partial<AgentLimits>;
  /** Reads the screenshots tools return, for models that see images; without it they get the paths. */
  images?: ImageReader;
}

/**
 * Plans, executes and reviews tasks. Every state change goes through the task store (persisted, then
 * pushed), every tool call through the runner's gate and audit, every model call through the router.
 */
export class AgentEngine {
  private readonly approvals = new ApprovalQueue();
  /** "Allow for this task" answers, forgotten when the task's run ends. */
  private readonly grants = new TaskGrants();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<Task> }>();
  private readonly limits: AgentLimits;
  /** Set by stopAll: nothing new starts while the app shuts down. */
  private stopping = false;

  constructor(private readonly deps: AgentDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
  }

  /** How many tasks are running now (a background host does not stop while any is). */
  get activeCount(): number {
    return this.running.size;
  }

  /** Starts (or resumes) a task in the background; `settled` resolves when it stops. */
  start(taskId: string): Task {
    if (this.running.has(taskId)) throw new AuraError('CONFLICT', 'That task is already running.');
    if (this.stopping) throw new AuraError('CONFLICT', 'Aura Work is shutting down.', 'Resume the task after the next start.');
    const controller = new AbortController();
    const done = this.run(taskId, controller.signal, this.deps.store)
      // Even the failure path writes to the store; if that fails too (disk full), report it, never crash.
      .catch((err: unknown) => {
        this.deps.logger.error('task could not be finished', { taskId, error: err instanceof Error ? err.message : String(err) });
        return this.deps.store.get(taskId);
      })
      .finally(() => {
        this.running.delete(taskId);
        this.grants.clear(taskId);
      });
    done.catch(() => undefined); // a failure here is logged above; callers of settled() still see it
    this.running.set(taskId, { controller, done });
    return this.deps.store.get(taskId);
  }

  settled(taskId: string): Promise<Task> {
    return this.running.get(taskId)?.done ?? Promise.resolve(this.deps.store.get(taskId));
  }

  cancel(taskId: string): Task {
    const active = this.running.get(taskId);
    if (active) {
      active.controller.abort(new Cancelled('Cancelled by the user.'));
      return this.deps.store.get(taskId);
    }
    const { store } = this.deps;
    const task = store.get(taskId);
    if (TERMINAL_STATUSES.includes(task.status) && task.status !== 'interrupted' && task.status !== 'paused') return task;
    // Nothing runs it (the host that did stopped): it ends here, its open calls with it.
    return store.abandon(taskId, 'cancelled');
  }

  resume(taskId: string): Task {
    if (this.running.has(taskId)) throw new AuraError('CONFLICT', 'That task is already running.');
    const { status } = this.deps.store.get(taskId);
    if (status === 'cancelled') throw new AuraError('CONFLICT', 'This task was cancelled.', 'Start it again as a new task if you still want it.');
    if (!RESUMABLE_STATUSES.includes(status)) throw new AuraError('CONFLICT', `A ${status} task cannot be resumed.`, 'Only interrupted, paused or failed tasks can be resumed.');
    return this.start(taskId);
  }

  /**
   * The user's answer to a waiting call. `task` grants the tool for the rest of the task's run; `always` adds
   * an allow rule to the task's profile (a built-in one is copied first, and the copy becomes the task's and
   * the active profile). Granted before the call resumes, so the next call of the tool already sees it.
   */
  answerApproval({ toolCallId, decision, note }: ApprovalAnswer, actor: string): ToolCallRecord {
    const { store, profiles } = this.deps;
    const taskId = this.approvals.taskOf(toolCallId);
    const call = store.toolCall(toolCallId);
    let ruleIn: { profile: string; copied: boolean } | null = null;
    if (decision === 'task') this.grants.grant(taskId, call.name);
    if (decision === 'always') {
      const task = store.get(taskId);
      const { profile, copied } = profiles.allowTool(task.profile, call.name, actor);
      if (profile.id !== task.profile) store.setProfile(taskId, profile.id, actor);
      ruleIn = { profile: profile.id, copied };
    }
    // The note is the user's text for the agent: the audit keeps its length, not its words.
    this.deps.audit({ actor, action: 'approval.answer', target: toolCallId, detail: { decision, tool: call.name, taskId, noteChars: note?.length ?? 0, ...(ruleIn ? { rule: { tool: call.name, decision: 'allow' }, ...ruleIn } : {}) } });
    this.approvals.answer(toolCallId, { decision, ...(note ? { note } : {}) });
    return store.toolCall(toolCallId);
  }

  /** What a waiting call would do, prepared when it started to wait; NOT_FOUND when it is not waiting. */
  approvalPreview(toolCallId: string) {
    return this.approvals.preview(toolCallId);
  }

  /** The profile a task's calls are decided by now (read per call: an answer can change it mid-step). */
  private profileOf(taskId: string): PermissionProfileDoc {
    return this.deps.profiles.forTask(this.deps.store.get(taskId).profile);
  }

  /** Cancels everything still running, for shutdown. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const { controller } of this.running.values()) controller.abort(new Shutdown('Aura Work stopped while this task was running.'));
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private async run(taskId: string, signal: AbortSignal, store: TaskStore): Promise<Task> {
    const { logger } = this.deps;
    try {
      // A resumed task keeps its plan and finished steps; only a task without a plan is planned.
      if (!store.steps(taskId).length) await this.plan(store, taskId, signal);
      await this.executeSteps(store, taskId, signal);
      await this.review(store, taskId, signal);
      return store.setStatus(taskId, 'done');
    } catch (err) {
      if (signal.aborted) return store.setStatus(taskId, signal.reason instanceof Shutdown ? 'interrupted' : 'cancelled', stopError(signal.reason instanceof Shutdown ? 'INTERRUPTED' : 'CANCELLED'));
      // A spent account budget is not a failure: the task waits for the budget to be raised, then resumes.
      if (err instanceof AccountBudgetSpent) return store.setStatus(taskId, 'paused', err.toShape());
      if (!(err instanceof AuraError)) logger.error('task failed', { taskId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      return store.setStatus(taskId, 'failed', err instanceof AuraError ? err.toShape() : { code: 'INTERNAL', message: 'The task stopped on an unexpected error.', hint: 'See the log in Settings → Diagnostics.' });
    }
  }

  private routes(taskId: string, role: ModelRole): ModelRef[] {
    const override = this.deps.store.modelOverride(taskId);
    if (override) return [override];
    const refs = this.deps.settings.getAll().modelRoutes[role];
    if (!refs.length) throw new AuraError('MODEL_NOT_SET', `No model is set for the ${role}.`, 'Add one on the Providers page, or run with --provider and --model.');
    return refs;
  }

  /**
   * Asks a role for JSON matching `schema`: natively where the provider has structured output, else in
   * the prompt. A reply that does not parse or validate is recorded as a failed call with what the model
   * said, and sent back once with the problem; a second bad reply fails the task, saying so.
   */
  private async structured<T>(store: TaskStore, taskId: string, role: ModelRole, system: string, prompt: string, schema: z.ZodType<T>, name: string, signal: AbortSignal): Promise<T> {
    const messages: ModelMessage[] = [{ role: 'user', content: prompt }];
    for (let attempt = 0; ; attempt += 1) {
      const { text, call, finishReason } = await runModelTurn(store, this.deps.router, { taskId, stepId: null, role, refs: this.routes(taskId, role), system, messages, output: { schema, name } }, signal);
      const stopped = stopCause(finishReason);
      const parsed = stopped ? null : parseStructured(text, schema);
      if (parsed?.ok) {
        store.addModelCall(call);
        return parsed.value;
      }
      const problem = stopped ? stopped.message : (parsed as { problem: string }).problem;
      store.addModelCall({ ...call, ok: false, error: problem, errorCode: stopped?.code ?? 'MODEL_OUTPUT_INVALID', rawReply: capRedacted(text, 8000) });
      if (stopped) throw new AuraError(stopped.code, `The ${role} stopped before its answer was complete: ${stopped.message}`, stopped.hint);
      if (attempt >= this.limits.maxRepairs) {
        throw new AuraError('MODEL_OUTPUT_INVALID', `The ${role} answered in the wrong format twice: ${problem}`, 'Open the failed model call to see what it answered, and pick a more capable model for this role on the Providers page.');
      }
      // An empty assistant turn is refused by some providers (Anthropic): it would hide the real problem.
      messages.push({ role: 'assistant', content: text || '(no answer)' }, { role: 'user', content: repairRequest(problem) });
    }
  }

  private async plan(store: TaskStore, taskId: string, signal: AbortSignal): Promise<void> {
    const task = store.setStatus(taskId, 'planning');
    const plan = await this.structured(store, taskId, 'planner', plannerSystem(task.workspacePath), withPage(task.goal, store.page(taskId)), PlanReply, 'plan', signal);
    store.addMessage(taskId, null, 'planner', plan.steps.map((s, i) => `${i + 1}. ${s.title}`).join('\n'));
    store.savePlan(taskId, plan.steps);
  }

  private async executeSteps(store: TaskStore, taskId: string, signal: AbortSignal): Promise<void> {
    let task = store.setStatus(taskId, 'running');
    const roots = [realWorkspace(task.workspacePath)];
    for (;;) {
      const steps = store.steps(taskId);
      const step = steps.find((s) => s.status !== 'done');
      if (!step) return;
      // The previous step's commit already started this one (one commit per step, not two).
      let current = step.status === 'running' ? step : store.updateStep(step, { status: 'running' });
      const stepTime = deadline(signal, this.limits.stepTimeoutMs);
      let waitingCalls = 0;
      const repeats = new RepeatedFailure(this.limits.maxRepeatedToolErrors);
      const tools = buildAgentTools(this.deps.registry, this.deps.runner, store, this.approvals, {
        taskId,
        stepId: step.id,
        roots,
        profile: () => this.profileOf(taskId),
        grants: this.grants,
        signal: stepTime.signal,
        onWaiting: (waiting) => {
          // Calls of one turn run together, so several may wait at once: the task waits while any does.
          waitingCalls += waiting ? 1 : -1;
          if (waitingCalls === (waiting ? 1 : 0)) task = store.setStatus(taskId, waiting ? 'waiting_approval' : 'running');
        },
        onOutcome: (record) => {
          const stuck = repeats.note(record);
          if (stuck) stepTime.stop(new AuraError('TOOL_FAILED', `Step ${step.index + 1} stopped: ${record.name} failed ${this.limits.maxRepeatedToolErrors} times in a row with the same error (${stuck}).`, 'Look at the failed tool calls, fix what they need (a path, a permission), then resume the task.'));
        },
      });
      const system = executorSystem(task.workspacePath, task.goal, steps, step);
      // What every call of the loop sends besides the conversation: the prompt and the tools' schemas.
      const compactor = new ContextCompactor(
        estimateTokens(system) + estimateTokens(Object.keys(tools)) * 60,
        modelSummarizer((ref, tokens, finishReason, durationMs) => store.addModelCall({ taskId, role: 'executor', provider: ref.provider, model: ref.model, accountId: ref.account ?? null, ok: true, error: null, errorCode: null, finishReason, rawReply: null, ...tokens, costUsd: costUsd(ref, tokens), durationMs }), stepTime.signal),
      );
      try {
        const turn = await runModelTurn(
          store,
          this.deps.router,
          {
            taskId,
            stepId: step.id,
            role: 'executor',
            refs: this.routes(taskId, 'executor'),
            system,
            messages: [{ role: 'user', content: stepInstruction(step, store.page(taskId)) }],
            tools,
            maxIterations: this.limits.maxIterationsPerStep,
            maxTokens: this.limits.maxTokensPerStep,
            prepareMessages: (messages, ref, model) => compactor.prepare(messages, ref, model),
            ...(this.deps.images ? { images: this.deps.images } : {}),
            onToolError: (call) => recordRejectedCall(store, this.deps.registry, this.profileOf(taskId), { taskId, stepId: step.id }, call.toolName, call.input, call.error),
          },
          stepTime.signal,
        );
        const unfinished = this.unfinished(step.index, turn);
        if (unfinished) {
          // The answer is on record as it came; the step is not done, and says why.
          store.batch(() => {
            store.addModelCall({ ...turn.call, ok: false, error: unfinished.message, errorCode: unfinished.code, rawReply: capRedacted(turn.text, 8000) });
            if (turn.text) store.addMessage(taskId, step.id, 'executor', turn.text);
            current = store.updateStep(current, { status: 'needs_attention' });
          });
          throw unfinished;
        }
        current = store.batch(() => {
          store.addModelCall(turn.call);
          store.addMessage(taskId, step.id, 'executor', turn.text);
          const done = store.updateStep(current, { status: 'done', summary: capRedacted(turn.text, 2000) });
          const next = steps.find((s) => s.index > step.index && s.status !== 'done');
          if (next) store.updateStep(next, { status: 'running' });
          return done;
        });
      } catch (err) {
        const stopped = stepTime.stopped();
        if (current.status === 'running') current = store.updateStep(current, { status: stopped ? 'needs_attention' : 'failed' });
        if (stopped && !signal.aborted) throw stopped;
        if (!signal.aborted && stepTime.expired()) throw new AuraError('TIMEOUT', `Step ${step.index + 1} took longer than its time limit.`, 'Split the goal into smaller tasks, or resume to try the step again.');
        throw err;
      } finally {
        stepTime.dispose();
      }
    }
  }

  /** Why a step whose turn ended is still not done: a cut or filtered answer, or its rounds ran out. */
  private unfinished(index: number, turn: TurnResult): AuraError | null {
    const stopped = stopCause(turn.finishReason);
    if (stopped) return new AuraError(stopped.code, `Step ${index + 1} is not done: ${stopped.message}.`, stopped.hint);
    if (turn.exhausted) {
      return new AuraError('STEP_INCOMPLETE', `Step ${index + 1} used all ${this.limits.maxIterationsPerStep} model ↔ tool rounds and was still working.`, 'Resume the task to give the step more rounds, or split the goal into smaller tasks.');
    }
    return null;
  }

  private async review(store: TaskStore, taskId: string, signal: AbortSignal): Promise<void> {
    for (let round = 1; ; round += 1) {
      const task = store.setStatus(taskId, 'reviewing');
      const { calls, total } = store.recentToolCalls(taskId, 60);
      const toolLines = calls.map((c) => `- ${c.name} ${JSON.stringify(c.input).slice(0, 200)} → ${c.status}${c.error ? ` (${c.error.message})` : ''}`);
      const verdict = await this.structured(store, taskId, 'reviewer', reviewerSystem(), reviewRequest(task.goal, store.steps(taskId), toolLines, total), ReviewReply, 'review', signal);
      store.addReview(taskId, round, verdict.verdict, verdict.reasons);
      if (verdict.verdict === 'pass') return;
      if (round > this.limits.maxRevisionRounds) {
        throw new AuraError('REVIEW_UNRESOLVED', `The review still asked for changes after ${this.limits.maxRevisionRounds} revisions: ${verdict.reasons.join('; ')}`, 'Resume to try again, or refine the goal.');
      }
      store.savePlan(taskId, [{ title: `Address the review (round ${round})`, detail: verdict.reasons.join('\n') }]);
      await this.executeSteps(store, taskId, signal);
    }
  }
}

function realWorkspace(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    throw new AuraError('WORKSPACE_MISSING', `The workspace folder ${path} no longer exists.`, 'Restore the folder or start the task in another workspace.');
  }
}
