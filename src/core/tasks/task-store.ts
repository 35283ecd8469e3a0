import { randomUUID } from 'node:crypto';
import { AuraError, type ErrorShape } from '../../shared/errors';
import type { ModelRef } from '../../shared/providers';
import { canTransition } from '../../shared/task-states';
import { capRedacted, redactDeep, redactSecrets } from '../secrets/secret-values';
import { TERMINAL_STATUSES, type ModelCallRecord, type ReviewRecord, type Task, type TaskDetail, type TaskMessage, type TaskStatus, type TaskStep, type TokenDelta, type ToolCallRecord } from '../../shared/tasks';
import type { ToolOutputChunk } from '../../shared/vm';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import { statementCache } from '../store/statement-cache';
import type { EventName, EventPayload } from '../../shared/contract';
import type { Db } from '../store/database';
import { storedOutput } from './task-history';
import type { PageContext } from '../../shared/bridge';
import { insertTaskPage, readTaskPage } from './task-pages';
import { TASK_SELECT, toMessage, toModelCall, toReview, toStep, toTask, toToolCall, type TaskRow } from './task-rows';

const now = () => new Date().toISOString();

/** Tasks and everything that happens in them; every write is persisted first, then pushed as an event. */
export class TaskStore {
  /** Statements prepared once: a step writes several rows, and preparing dominated the engine's own cost. */
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
  ) {
    this.sql = statementCache(db);
  }

  /** Events of an open batch, pushed only once it commits: nothing is announced that is not stored. */
  private deferred: (() => void)[] | null = null;

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.deferred) this.deferred.push(() => this.events.emit(event, payload));
    else this.events.emit(event, payload);
  }

  /** Runs several writes as one transaction (one commit, one fsync), then pushes their events. */
  batch<T>(writes: () => T): T {
    if (this.deferred) return writes();
    this.deferred = [];
    let queued: (() => void)[] = [];
    let result: T;
    try {
      result = this.db.transaction(writes).immediate();
      queued = this.deferred;
    } finally {
      this.deferred = null;
    }
    for (const push of queued) push();
    return result;
  }

  create(input: { goal: string; workspacePath: string; profile: string; model?: ModelRef; page?: PageContext }, actor: string): Task {
    const id = randomUUID();
    const at = now();
    const created = this.db
      .transaction(() => {
        this.sql('INSERT INTO tasks (id, goal, workspace_path, status, profile, model_override, error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)')
          .run(id, redactSecrets(input.goal), input.workspacePath, 'queued', input.profile, input.model ? JSON.stringify(input.model) : null, at, at);
        if (input.page) insertTaskPage(this.sql, id, input.page);
        const message = this.insertMessage(id, null, 'user', input.goal);
        const entry = this.audit.appendInTransaction({ actor, action: 'task.create', target: id, detail: { goal: capRedacted(input.goal, 200), workspace: input.workspacePath, profile: input.profile } });
        return { entry, message };
      })
      .immediate();
    this.emit('audit.appended', created.entry);
    const task = this.get(id);
    this.emit('task.updated', task);
    this.emit('task.message', created.message);
    return task;
  }

  /** Moves a task to another permission profile (an "always allow" answer copied its built-in one); audited. */
  setProfile(id: string, profile: string, actor: string): Task {
    const entry = this.db
      .transaction(() => {
        if (this.sql('UPDATE tasks SET profile = ?, updated_at = ? WHERE id = ?').run(profile, now(), id).changes === 0) throw new AuraError('NOT_FOUND', 'That task does not exist.', 'Pick a task from the list.');
        return this.audit.appendInTransaction({ actor, action: 'task.profile', target: id, detail: { profile } });
      })
      .immediate();
    this.emit('audit.appended', entry);
    const task = this.get(id);
    this.emit('task.updated', task);
    return task;
  }

  get(id: string): Task {
    const row = this.sql(`${TASK_SELECT} WHERE t.id = ?`).get(id) as TaskRow | undefined;
    if (!row) throw new AuraError('NOT_FOUND', 'That task does not exist.', 'Pick a task from the list.');
    return toTask(row);
  }

  /** The web page the task was sent with (`pages.send`), if any. */
  page(id: string): PageContext | null {
    return readTaskPage(this.sql, id);
  }

  /** The model chosen for this task only (CLI --provider/--model), if any. */
  modelOverride(id: string): ModelRef | null {
    const row = this.sql('SELECT model_override FROM tasks WHERE id = ?').get(id) as { model_override: string | null } | undefined;
    return row?.model_override ? (JSON.parse(row.model_override) as ModelRef) : null;
  }

  detail(id: string): TaskDetail {
    const task = this.get(id);
    const all = (sql: string) => this.sql(sql).all(id) as Record<string, unknown>[];
    return {
      task,
      steps: all('SELECT * FROM task_steps WHERE task_id = ? ORDER BY idx').map(toStep),
      messages: all('SELECT * FROM task_messages WHERE task_id = ? ORDER BY created_at, rowid').map(toMessage),
      toolCalls: all('SELECT * FROM tool_calls WHERE task_id = ? ORDER BY created_at, rowid').map(toToolCall),
      reviews: all('SELECT * FROM reviews WHERE task_id = ? ORDER BY round').map(toReview),
      modelCalls: all('SELECT * FROM model_calls WHERE task_id = ? ORDER BY created_at, rowid').map(toModelCall),
    };
  }

  steps(taskId: string): TaskStep[] {
    return (this.sql('SELECT * FROM task_steps WHERE task_id = ? ORDER BY idx').all(taskId) as Record<string, unknown>[]).map(toStep);
  }

  list(filter: { status?: TaskStatus | undefined; active?: boolean | undefined; query?: string | undefined; page: number; pageSize: number }): { tasks: Task[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.status) {
      where.push('t.status = @status');
      params.status = filter.status;
    }
    if (filter.active) where.push(`t.status NOT IN (${TERMINAL_STATUSES.map((status) => `'${status}'`).join(', ')})`);
    if (filter.query) {
      where.push("t.goal LIKE @q ESCAPE '\\'");
      params.q = `%${filter.query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.sql(`SELECT count(*) AS n FROM tasks t ${clause}`).get(params) as { n: number }).n;
    const rows = this.sql(`${TASK_SELECT} ${clause} ORDER BY t.created_at DESC, t.rowid DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }) as TaskRow[];
    return { tasks: rows.map(toTask), total };
  }

  /**
   * Moves a task to `status`, if its state machine allows it (`TASK_TRANSITIONS`); every move is audited
   * in the same transaction. Staying in the same status is no move and writes nothing but the error.
   */
  setStatus(id: string, status: TaskStatus, error: ErrorShape | null = null): Task {
    const entry = this.db
      .transaction(() => {
        const from = (this.sql('SELECT status FROM tasks WHERE id = ?').get(id) as { status: TaskStatus } | undefined)?.status;
        if (!from) throw new AuraError('NOT_FOUND', 'That task does not exist.', 'Pick a task from the list.');
        if (from !== status && !canTransition(from, status)) throw new AuraError('CONFLICT', `A ${from} task cannot become ${status}.`, 'Refresh the task to see where it is now.');
        const safe = error ? redactDeep(error) : null;
        this.sql('UPDATE tasks SET status = ?, error = ?, error_code = ?, error_hint = ?, updated_at = ? WHERE id = ?').run(status, safe?.message ?? null, safe?.code ?? null, safe?.hint ?? null, now(), id);
        if (from === status) return null;
        return this.audit.appendInTransaction({ actor: 'agent', action: 'task.transition', target: id, detail: { from, to: status, ...(safe ? { error: safe.code } : {}) } });
      })
      .immediate();
    if (entry) this.emit('audit.appended', entry);
    const task = this.get(id);
    this.emit('task.updated', task);
    return task;
  }

  /** Stores the plan. A new plan replaces steps that have not run yet; finished steps stay. */
  savePlan(taskId: string, steps: { title: string; detail: string }[]): TaskStep[] {
    const saved = this.db
      .transaction(() => {
        this.sql("DELETE FROM task_steps WHERE task_id = ? AND status <> 'done'").run(taskId);
        const start = (this.sql('SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM task_steps WHERE task_id = ?').get(taskId) as { n: number }).n;
        const insert = this.sql("INSERT INTO task_steps (id, task_id, idx, title, detail, status, summary) VALUES (?, ?, ?, ?, ?, 'pending', NULL)");
        for (const [i, step] of steps.entries()) insert.run(randomUUID(), taskId, start + i, step.title, step.detail);
        return (this.sql('SELECT * FROM task_steps WHERE task_id = ? ORDER BY idx').all(taskId) as Record<string, unknown>[]).map(toStep);
      })
      .immediate();
    for (const step of saved) this.emit('task.step', step);
    return saved;
  }

  updateStep(step: TaskStep, changes: Pick<TaskStep, 'status'> & Partial<Pick<TaskStep, 'summary'>>): TaskStep {
    const next = { ...step, ...changes, ...(changes.summary ? { summary: redactSecrets(changes.summary) } : {}) };
    this.sql('UPDATE task_steps SET status = ?, summary = ? WHERE id = ?').run(next.status, next.summary, step.id);
    this.emit('task.step', next);
    return next;
  }

  addMessage(taskId: string, stepId: string | null, role: TaskMessage['role'], content: string): TaskMessage {
    const message = this.insertMessage(taskId, stepId, role, content);
    this.emit('task.message', message);
    return message;
  }

  /** Inserts or updates a tool call as it moves through pending → waiting_approval → running → done. */
  saveToolCall(given: ToolCallRecord): ToolCallRecord {
    const record = redactDeep(given);
    this.sql(
        `INSERT INTO tool_calls (id, task_id, step_id, name, input, output, output_bytes, output_preview, status, risk, error, duration_ms, created_at)
         VALUES (@id, @taskId, @stepId, @name, @input, @output, @outputBytes, @outputPreview, @status, @risk, @error, @durationMs, @createdAt)
         ON CONFLICT(id) DO UPDATE SET output = excluded.output, output_bytes = excluded.output_bytes, output_preview = excluded.output_preview, status = excluded.status, risk = excluded.risk, error = excluded.error, duration_ms = excluded.duration_ms`,
      )
      .run({ ...record, input: JSON.stringify(record.input ?? null), ...storedOutput(record.output), error: record.error ? JSON.stringify(record.error) : null });
    this.emit('task.toolCall', record);
    return record;
  }

  /** The newest `limit` tool calls of a task, oldest first, and how many it made in all. */
  recentToolCalls(taskId: string, limit: number): { calls: ToolCallRecord[]; total: number } {
    const rows = this.sql('SELECT * FROM tool_calls WHERE task_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(taskId, limit) as Record<string, unknown>[];
    const total = (this.sql('SELECT count(*) AS n FROM tool_calls WHERE task_id = ?').get(taskId) as { n: number }).n;
    return { calls: rows.reverse().map(toToolCall), total };
  }

  /** Every tool call waiting for an answer, oldest first (the approvals a client may answer). */
  waitingApprovals(): ToolCallRecord[] {
    const rows = this.sql("SELECT * FROM tool_calls WHERE status = 'waiting_approval' ORDER BY created_at, rowid LIMIT 200").all() as Record<string, unknown>[];
    return rows.map(toToolCall);
  }

  toolCall(id: string): ToolCallRecord {
    const row = this.sql('SELECT * FROM tool_calls WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) throw new AuraError('NOT_FOUND', 'That tool call does not exist.', 'It may belong to a task that was removed.');
    return toToolCall(row);
  }

  addReview(taskId: string, round: number, verdict: ReviewRecord['verdict'], reasons: string[]): ReviewRecord {
    const review: ReviewRecord = { id: randomUUID(), taskId, round, verdict, reasons, createdAt: now() };
    this.sql('INSERT INTO reviews (id, task_id, round, verdict, reasons, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(review.id, taskId, round, verdict, JSON.stringify(reasons), review.createdAt);
    this.emit('task.review', review);
    return review;
  }

  addModelCall(call: Omit<ModelCallRecord, 'id' | 'createdAt'>): ModelCallRecord {
    const record: ModelCallRecord = redactDeep({ ...call, id: randomUUID(), createdAt: now() });
    this.sql(
      `INSERT INTO model_calls (id, task_id, role, provider, model, ok, error, error_code, finish_reason, raw_reply, input_tokens, output_tokens, cost_usd, duration_ms, created_at, account_id)
       VALUES (@id, @taskId, @role, @provider, @model, @ok, @error, @errorCode, @finishReason, @rawReply, @inputTokens, @outputTokens, @costUsd, @durationMs, @createdAt, @accountId)`,
    )
      .run({ ...record, ok: record.ok ? 1 : 0, accountId: record.accountId ?? null });
    this.emit('task.modelCall', record);
    this.emit('task.updated', this.get(call.taskId));
    return record;
  }

  emitToken(delta: TokenDelta): void {
    this.emit('task.token', { ...delta, delta: redactSecrets(delta.delta) });
  }

  /** Pushes a piece of a running tool call's output (not stored: the finished call carries all of it). */
  emitToolOutput(piece: ToolOutputChunk): void {
    this.emit('task.toolOutput', { ...piece, chunk: redactSecrets(piece.chunk) });
  }

  /**
   * At start-up, before anything runs: the host owns the data directory alone, so every task still marked
   * active was left mid-flight by the last host's stop or crash. They become interrupted, to resume.
   */
  markInterrupted(): number {
    const active = this.sql(`SELECT id FROM tasks WHERE status NOT IN (${TERMINAL_STATUSES.map(() => '?').join(', ')})`).pluck();
    return this.batch(() => {
      const ids = active.all(...TERMINAL_STATUSES) as string[];
      for (const id of ids) this.abandon(id, 'interrupted');
      return ids.length;
    });
  }

  /** Ends a task nobody runs any more: its open tool calls fail, and it takes `status`. */
  abandon(id: string, status: 'interrupted' | 'cancelled'): Task {
    const openCalls = this.sql("SELECT id FROM tool_calls WHERE task_id = ? AND status IN ('pending', 'waiting_approval', 'running')").pluck();
    const failCall = this.sql("UPDATE tool_calls SET status = 'failed', error = ? WHERE id = ?");
    const error = JSON.stringify({ code: status === 'cancelled' ? 'CANCELLED' : 'INTERRUPTED', message: status === 'cancelled' ? 'Cancelled' : 'Interrupted' } satisfies ErrorShape);
    return this.batch(() => {
      for (const callId of openCalls.all(id) as string[]) {
        failCall.run(error, callId);
        this.emit('task.toolCall', this.toolCall(callId));
      }
      return this.setStatus(id, status, status === 'cancelled' ? stopError('CANCELLED') : stopError('INTERRUPTED'));
    });
  }

  usageSummary(): { total: { inputTokens: number; outputTokens: number; costUsd: number }; running: number; byStatus: Record<string, number> } {
    // Totals live on each task (migration 004): one pass over the tasks, not over every model call.
    const rows = this.sql('SELECT status, count(*) AS n, SUM(input_tokens) AS i, SUM(output_tokens) AS o, SUM(cost_usd) AS c FROM tasks GROUP BY status').all() as { status: string; n: number; i: number; o: number; c: number }[];
    const total = rows.reduce((sum, r) => ({ i: sum.i + r.i, o: sum.o + r.o, c: sum.c + r.c }), { i: 0, o: 0, c: 0 });
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const running = rows.filter((r) => !TERMINAL_STATUSES.includes(r.status as TaskStatus)).reduce((sum, r) => sum + r.n, 0);
    return { total: { inputTokens: total.i, outputTokens: total.o, costUsd: total.c }, running, byStatus };
  }

  private insertMessage(taskId: string, stepId: string | null, role: TaskMessage['role'], content: string): TaskMessage {
    const message: TaskMessage = { id: randomUUID(), taskId, stepId, role, content: redactSecrets(content), createdAt: now() };
    this.sql('INSERT INTO task_messages (id, task_id, step_id, role, content, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(message.id, taskId, stepId, role, message.content, message.createdAt);
    return message;
  }
}

/** The record of a task that stopped without failing: cancelled by the user, or left when the app stopped. */
export function stopError(code: 'CANCELLED' | 'INTERRUPTED'): ErrorShape {
  return code === 'CANCELLED'
    ? { code, message: 'Cancelled by the user.' }
    : { code, message: 'Aura Work stopped while this task was running.', hint: 'Resume it to go on from its first unfinished step.' };
}
