import { statementCache } from '../store/statement-cache';
import { AuraError } from '../../shared/errors';
import { outputPreview } from '../../shared/output-preview';
import { TimelineKind, type PlanStep, type TaskOverview, type TimelineCursor, type TimelinePage, type TimelineTotals, type ToolCallOutput, type ToolCallPreview } from '../../shared/task-history';
import type { ModelCallRecord, ReviewRecord, TaskMessage, TaskStep, ToolCallRecord } from '../../shared/tasks';
import type { Db } from '../store/database';
import { TASK_SELECT, toMessage, toModelCall, toReview, toStep, toTask, toToolCall, type TaskRow } from './task-rows';

type Row = Record<string, unknown>;

/**
 * The columns a page reads of each timeline table. A tool call's output is read whole only when it has
 * no stored preview (it is short, or was stored before previews were): a page of fifty reads of 256 KB
 * files reads fifty previews, not 12 MB.
 */
const TABLES: Record<TimelineKind, { table: string; columns: string }> = {
  message: { table: 'task_messages', columns: '*' },
  toolCall: {
    table: 'tool_calls',
    columns: 'id, task_id, step_id, name, input, status, risk, error, duration_ms, created_at, output_bytes, output_preview, CASE WHEN output_preview IS NULL THEN output END AS output',
  },
  review: { table: 'reviews', columns: '*' },
  modelCall: { table: 'model_calls', columns: '*' },
};

/** The newest items of a task's timeline as whole records, and its whole plan, as events carry them. */
export interface RecentHistory {
  steps: TaskStep[];
  messages: TaskMessage[];
  toolCalls: ToolCallRecord[];
  reviews: ReviewRecord[];
  modelCalls: ModelCallRecord[];
}

/** Items of one millisecond are ordered by kind, in TimelineKind's order, then by rowid. */
const RANK = Object.fromEntries(TimelineKind.options.map((kind, rank) => [kind, rank])) as Record<TimelineKind, number>;

interface Item {
  kind: TimelineKind;
  at: string;
  seq: number;
  row: Row;
}

/** Newest first: creation time, then kind, then rowid, all descending. */
const newestFirst = (a: Item, b: Item) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.kind !== b.kind ? RANK[b.kind] - RANK[a.kind] : b.seq - a.seq);

/** The stored form of a tool call's output: its JSON, size, and the preview pages read when it is long. */
export function storedOutput(output: unknown): { output: string | null; outputBytes: number | null; outputPreview: string | null } {
  const json = output === null || output === undefined ? null : JSON.stringify(output);
  const preview = outputPreview(output, json);
  return { output: json, outputBytes: preview.outputBytes, outputPreview: preview.outputTruncated ? JSON.stringify(preview.output) : null };
}

function toPreview(row: Row): ToolCallPreview {
  const record = toToolCall(row);
  if (typeof row.output_preview === 'string') return { ...record, output: JSON.parse(row.output_preview), outputBytes: row.output_bytes as number, outputTruncated: true };
  return { ...record, ...outputPreview(record.output, typeof row.output === 'string' ? row.output : null) };
}

const toPlanStepRow = (row: Row): PlanStep => ({ id: row.id as string, taskId: row.task_id as string, index: row.idx as number, title: row.title as string, detail: row.detail as string, status: row.status as PlanStep['status'] });

/** Reads a task's page in pieces: its plan, a page of its timeline at a time, one tool output on demand. */
export class TaskHistory {

  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** The task, its whole plan, totals and the newest page, read in one transaction so they agree. */
  overview(id: string, limit: number): TaskOverview {
    return this.db.transaction(() => {
      const row = this.sql(`${TASK_SELECT} WHERE t.id = ?`).get(id) as TaskRow | undefined;
      if (!row) throw new AuraError('NOT_FOUND', 'That task does not exist.', 'Pick a task from the list.');
      const steps = (this.sql('SELECT id, task_id, idx, title, detail, status FROM task_steps WHERE task_id = ? ORDER BY idx').all(id) as Row[]).map(toPlanStepRow);
      return { task: toTask(row), steps, totals: this.totals(id), ...this.page(id, null, limit) };
    })();
  }

  /** The page of at most `limit` items just before `before` (the newest page without it). */
  history(id: string, before: TimelineCursor, limit: number): TimelinePage {
    return this.db.transaction(() => {
      if (!this.sql('SELECT 1 FROM tasks WHERE id = ?').get(id)) throw new AuraError('NOT_FOUND', 'That task does not exist.', 'Pick a task from the list.');
      return this.page(id, before, limit);
    })();
  }

  /**
   * For announcing rows another process wrote: its plan and its newest `limit` items, whole. Rows change
   * only while new, so a window of the newest holds every change, without reading a long task whole.
   */
  recent(id: string, limit: number): RecentHistory {
    return this.db.transaction(() => {
      const steps = (this.sql('SELECT * FROM task_steps WHERE task_id = ? ORDER BY idx').all(id) as Row[]).map(toStep);
      const rows = this.rows(id, null, limit, true).shown;
      return { steps, messages: rows.message.map(toMessage), toolCalls: rows.toolCall.map(toToolCall), reviews: rows.review.map(toReview), modelCalls: rows.modelCall.map(toModelCall) };
    })();
  }

  toolCallOutput(id: string): ToolCallOutput {
    const row = this.sql('SELECT id, output, output_bytes FROM tool_calls WHERE id = ?').get(id) as { id: string; output: string | null; output_bytes: number | null } | undefined;
    if (!row) throw new AuraError('NOT_FOUND', 'That tool call does not exist.', 'It may belong to a task that was removed.');
    const output = row.output === null ? null : (JSON.parse(row.output) as unknown);
    return { id: row.id, output, outputBytes: row.output_bytes ?? outputPreview(output, row.output).outputBytes };
  }

  private totals(id: string): TimelineTotals {
    const count = (table: string, where = '') => `(SELECT count(*) FROM ${table} WHERE task_id = @id${where})`;
    return this.sql(
      `SELECT ${count('task_messages')} AS messages, ${count('tool_calls')} AS toolCalls, ${count('reviews')} AS reviews, ${count('model_calls')} AS modelCalls, ${count('model_calls', ' AND cost_usd IS NULL')} AS unpricedModelCalls`,
    ).get({ id }) as TimelineTotals;
  }

  private page(id: string, before: TimelineCursor | null, limit: number): TimelinePage {
    const { shown, oldest, hasOlder } = this.rows(id, before, limit, false);
    return {
      messages: shown.message.map(toMessage),
      toolCalls: shown.toolCall.map(toPreview),
      reviews: shown.review.map(toReview),
      modelCalls: shown.modelCall.map(toModelCall),
      cursor: oldest ? { at: oldest.at, kind: oldest.kind, seq: oldest.seq } : null,
      hasOlder,
    };
  }

  /**
   * Each table gives its `limit + 1` newest items before the cursor (an index range scan on
   * `(task_id, created_at)`, whose entries end in the rowid); merged, the `limit` newest are shown and
   * the one past them says there are older ones. Rows of each kind come oldest first.
   */
  private rows(id: string, before: TimelineCursor | null, limit: number, whole: boolean): { shown: Record<TimelineKind, Row[]>; oldest: Item | undefined; hasOlder: boolean } {
    const items: Item[] = [];
    for (const kind of TimelineKind.options) {
      for (const row of this.sql(this.pageSql(kind, before, whole)).all({ id, limit: limit + 1, at: before?.at ?? null, seq: before?.seq ?? null }) as Row[]) {
        items.push({ kind, at: row.created_at as string, seq: row.seq as number, row });
      }
    }
    items.sort(newestFirst);
    const kept = items.slice(0, limit).reverse();
    const shown: Record<TimelineKind, Row[]> = { message: [], toolCall: [], review: [], modelCall: [] };
    for (const item of kept) shown[item.kind].push(item.row);
    return { shown, oldest: kept[0], hasOlder: items.length > limit };
  }

  /** Items strictly before the cursor: of a kind shown earlier in the same millisecond, at that time too. */
  private pageSql(kind: TimelineKind, before: TimelineCursor | null, whole: boolean): string {
    const { table, columns: previewed } = TABLES[kind];
    const columns = whole ? '*' : previewed;
    let clause = '';
    if (before) {
      if (kind === before.kind) clause = 'AND (created_at, rowid) < (@at, @seq)';
      else clause = RANK[kind] < RANK[before.kind] ? 'AND created_at <= @at' : 'AND created_at < @at';
    }
    return `SELECT rowid AS seq, ${columns} FROM ${table} WHERE task_id = @id ${clause} ORDER BY created_at DESC, rowid DESC LIMIT @limit`;
  }
}
