import { z } from 'zod';
import { ErrorCode, ErrorShape } from './errors';
import { FinishReason, StepStatus, TaskStatus } from './task-states';
import { ModelRef, ModelRole } from './providers';
import { ToolCallStatus, ToolRisk } from './tools';
import { ProfileId } from './permissions';

export { FinishReason, TaskStatus, TERMINAL_STATUSES } from './task-states';

export const Usage = z.object({ inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative(), costUsd: z.number().nonnegative() });
export type Usage = z.infer<typeof Usage>;

export const Task = z.object({
  id: z.string().uuid(),
  goal: z.string(),
  workspacePath: z.string(),
  status: TaskStatus,
  /** The permission profile's id (a built-in one or a custom profile's). */
  profile: ProfileId,
  /** Why the task stopped, when it did not finish: a code the UI translates, the specifics, what to do. */
  error: ErrorShape.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  usage: Usage,
});
export type Task = z.infer<typeof Task>;

export const TaskStep = z.object({
  id: z.string(),
  taskId: z.string(),
  index: z.number().int().nonnegative(),
  title: z.string(),
  detail: z.string(),
  status: StepStatus,
  summary: z.string().nullable(),
});
export type TaskStep = z.infer<typeof TaskStep>;

export const TaskMessage = z.object({
  id: z.string(),
  taskId: z.string(),
  stepId: z.string().nullable(),
  role: z.enum(['user', 'planner', 'executor', 'reviewer', 'system']),
  content: z.string(),
  createdAt: z.string(),
});
export type TaskMessage = z.infer<typeof TaskMessage>;

export const ToolCallRecord = z.object({
  id: z.string(),
  taskId: z.string(),
  stepId: z.string().nullable(),
  name: z.string(),
  input: z.unknown(),
  output: z.unknown().nullable(),
  status: ToolCallStatus,
  risk: ToolRisk.nullable(),
  error: ErrorShape.nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  createdAt: z.string(),
});
export type ToolCallRecord = z.infer<typeof ToolCallRecord>;

export const ReviewRecord = z.object({
  id: z.string(),
  taskId: z.string(),
  round: z.number().int().positive(),
  verdict: z.enum(['pass', 'revise']),
  reasons: z.array(z.string()),
  createdAt: z.string(),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;

export const ModelCallRecord = z.object({
  id: z.string(),
  taskId: z.string(),
  role: ModelRole,
  provider: z.string(),
  model: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  /** The cause of a failed call, for the UI to translate. */
  errorCode: ErrorCode.nullable(),
  /** Why the model stopped; null when no answer arrived. */
  finishReason: FinishReason.nullable(),
  /** What the model said, when it matters to see it: a failed call's reply (capped, secrets redacted). */
  rawReply: z.string().nullable(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative().nullable(),
  durationMs: z.number().int().nonnegative(),
  /** The provider account that served the call (its spend counts against the account's budget); null: an environment key. */
  accountId: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type ModelCallRecord = z.infer<typeof ModelCallRecord>;

export const TaskDetail = z.object({
  task: Task,
  steps: z.array(TaskStep),
  messages: z.array(TaskMessage),
  toolCalls: z.array(ToolCallRecord),
  reviews: z.array(ReviewRecord),
  modelCalls: z.array(ModelCallRecord),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

/** A streamed piece of model output; not stored per token (the finished message is). */
export const TokenDelta = z.object({ taskId: z.string(), stepId: z.string().nullable(), role: ModelRole, delta: z.string() });
export type TokenDelta = z.infer<typeof TokenDelta>;

export const CreateTaskInput = z
  .object({
    goal: z.string().trim().min(1).max(8000),
    workspaceId: z.string().uuid().optional(),
    workspacePath: z.string().min(1).max(4096).optional(),
    profile: ProfileId.optional(),
    /** One model for every role, for this task only (the CLI's --provider/--model). */
    model: ModelRef.optional(),
  })
  .strict();
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;
