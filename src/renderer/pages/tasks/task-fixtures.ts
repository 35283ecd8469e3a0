import { toToolCallPreview } from '../../../shared/output-preview';
import { toPlanStep, type TaskOverview } from '../../../shared/task-history';
import type { ModelCallRecord, ReviewRecord, Task, TaskMessage, TaskStep, ToolCallRecord } from '../../../shared/tasks';

// Builders for the unit tests of this folder: whole records with only the interesting fields given.
export const TASK_ID = '6b1f7c52-3a0e-4d7e-9b8a-2f3c4d5e6f70';
const AT = '2025-01-01T10:00:00.000Z';
const at = (second: number) => `2025-01-01T10:00:${String(second).padStart(2, '0')}.000Z`;

export const task = (changes: Partial<Task> = {}): Task => ({
  id: TASK_ID,
  goal: 'Fix the typo in README.md',
  workspacePath: '/home/me/site',
  status: 'running',
  profile: 'ask',
  error: null,
  createdAt: AT,
  updatedAt: AT,
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  ...changes,
});

export const step = (index: number, changes: Partial<TaskStep> = {}): TaskStep => ({
  id: `step-${index}`,
  taskId: TASK_ID,
  index,
  title: `Step ${index + 1}`,
  detail: '',
  status: 'pending',
  summary: null,
  ...changes,
});

export const message = (id: string, second: number, changes: Partial<TaskMessage> = {}): TaskMessage => ({
  id,
  taskId: TASK_ID,
  stepId: null,
  role: 'executor',
  content: id,
  createdAt: at(second),
  ...changes,
});

export const toolCall = (id: string, second: number, changes: Partial<ToolCallRecord> = {}): ToolCallRecord => ({
  id,
  taskId: TASK_ID,
  stepId: 'step-0',
  name: 'read',
  input: { path: 'README.md' },
  output: null,
  status: 'pending',
  risk: 'read',
  error: null,
  durationMs: null,
  createdAt: at(second),
  ...changes,
});

export const review = (id: string, second: number, changes: Partial<ReviewRecord> = {}): ReviewRecord => ({
  id,
  taskId: TASK_ID,
  round: 1,
  verdict: 'pass',
  reasons: [],
  createdAt: at(second),
  ...changes,
});

export const modelCall = (id: string, changes: Partial<ModelCallRecord> = {}): ModelCallRecord => ({
  id,
  taskId: TASK_ID,
  role: 'executor',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  ok: true,
  error: null,
  errorCode: null,
  finishReason: 'stop',
  rawReply: null,
  inputTokens: 100,
  outputTokens: 20,
  costUsd: 0.001,
  durationMs: 1500,
  createdAt: AT,
  ...changes,
});

type DetailChanges = Partial<Omit<TaskOverview, 'steps' | 'toolCalls'>> & { steps?: TaskStep[]; toolCalls?: ToolCallRecord[] };

/** A loaded task page: by default the whole timeline (the goal) on one page; steps and tool calls given whole, as the host has them. */
export const detail = ({ steps = [], toolCalls = [], ...changes }: DetailChanges = {}): TaskOverview => ({
  task: task(),
  messages: [message('goal', 0, { role: 'user', content: 'Fix the typo in README.md' })],
  reviews: [],
  modelCalls: [],
  cursor: { at: at(0), kind: 'message', seq: 1 },
  hasOlder: false,
  totals: { messages: 1, toolCalls: toolCalls.length, reviews: 0, modelCalls: 0, unpricedModelCalls: 0 },
  ...changes,
  steps: steps.map(toPlanStep),
  toolCalls: toolCalls.map(toToolCallPreview),
});
