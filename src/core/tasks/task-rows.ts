import type { ErrorShape } from '../../shared/errors';
import type { ModelCallRecord, ReviewRecord, Task, TaskMessage, TaskStep, ToolCallRecord } from '../../shared/tasks';

/** Row shapes of migration 002 and their mapping to the contract's records. */
export interface TaskRow {
  id: string;
  goal: string;
  workspace_path: string;
  status: Task['status'];
  profile: Task['profile'];
  model_override: string | null;
  error: string | null;
  error_code: string | null;
  error_hint: string | null;
  created_at: string;
  updated_at: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/** Usage totals are columns of the task, kept by the model_calls trigger (migration 004). */
export const TASK_SELECT = 'SELECT t.* FROM tasks t';

export const toTask = (row: TaskRow): Task => ({
  id: row.id,
  goal: row.goal,
  workspacePath: row.workspace_path,
  status: row.status,
  profile: row.profile,
  error: row.error === null ? null : { code: (row.error_code ?? 'INTERNAL') as ErrorShape['code'], message: row.error, ...(row.error_hint ? { hint: row.error_hint } : {}) },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens, costUsd: row.cost_usd },
});

export const toStep = (row: Record<string, unknown>): TaskStep => ({
  id: row.id as string,
  taskId: row.task_id as string,
  index: row.idx as number,
  title: row.title as string,
  detail: row.detail as string,
  status: row.status as TaskStep['status'],
  summary: (row.summary as string | null) ?? null,
});

export const toMessage = (row: Record<string, unknown>): TaskMessage => ({
  id: row.id as string,
  taskId: row.task_id as string,
  stepId: (row.step_id as string | null) ?? null,
  role: row.role as TaskMessage['role'],
  content: row.content as string,
  createdAt: row.created_at as string,
});

const parse = (text: unknown): unknown => (typeof text === 'string' ? JSON.parse(text) : null);

export const toToolCall = (row: Record<string, unknown>): ToolCallRecord => ({
  id: row.id as string,
  taskId: row.task_id as string,
  stepId: (row.step_id as string | null) ?? null,
  name: row.name as string,
  input: parse(row.input),
  output: parse(row.output) ?? null,
  status: row.status as ToolCallRecord['status'],
  risk: (row.risk as ToolCallRecord['risk']) ?? null,
  error: (parse(row.error) as ErrorShape | null) ?? null,
  durationMs: (row.duration_ms as number | null) ?? null,
  createdAt: row.created_at as string,
});

export const toReview = (row: Record<string, unknown>): ReviewRecord => ({
  id: row.id as string,
  taskId: row.task_id as string,
  round: row.round as number,
  verdict: row.verdict as ReviewRecord['verdict'],
  reasons: parse(row.reasons) as string[],
  createdAt: row.created_at as string,
});

export const toModelCall = (row: Record<string, unknown>): ModelCallRecord => ({
  id: row.id as string,
  taskId: row.task_id as string,
  role: row.role as ModelCallRecord['role'],
  provider: row.provider as string,
  model: row.model as string,
  ok: row.ok === 1,
  error: (row.error as string | null) ?? null,
  errorCode: (row.error_code as ModelCallRecord['errorCode']) ?? null,
  finishReason: (row.finish_reason as ModelCallRecord['finishReason']) ?? null,
  rawReply: (row.raw_reply as string | null) ?? null,
  accountId: (row.account_id as string | null) ?? null,
  inputTokens: row.input_tokens as number,
  outputTokens: row.output_tokens as number,
  costUsd: (row.cost_usd as number | null) ?? null,
  durationMs: row.duration_ms as number,
  createdAt: row.created_at as string,
});
