import { z } from 'zod';

/**
 * A task's life, in one place. `waiting_approval` is "awaiting approval" in the UI; `interrupted` means
 * the app stopped under it (resume goes on from its first unfinished step); `paused` means a provider account's
 * monthly budget was spent before a model call (raise it, then resume: it goes on like an interrupted task).
 */
export const TaskStatus = z.enum(['queued', 'planning', 'running', 'waiting_approval', 'reviewing', 'done', 'failed', 'cancelled', 'interrupted', 'paused']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** Statuses a task stays in until someone acts: nothing runs it. */
export const TERMINAL_STATUSES: readonly TaskStatus[] = ['done', 'failed', 'cancelled', 'interrupted', 'paused'];

/** Statuses `tasks.resume` goes on from. */
export const RESUMABLE_STATUSES: readonly TaskStatus[] = ['failed', 'interrupted', 'paused'];

const STOPS: TaskStatus[] = ['failed', 'cancelled', 'interrupted'];

/** Every legal move. The task store refuses any other, so no code path can invent one. */
export const TASK_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  queued: ['planning', 'running', ...STOPS],
  planning: ['running', 'paused', ...STOPS],
  running: ['waiting_approval', 'reviewing', 'paused', ...STOPS],
  waiting_approval: ['running', 'paused', ...STOPS],
  // The reviewer may send the work back to run again.
  reviewing: ['running', 'done', 'paused', ...STOPS],
  done: [],
  // Resume: planned again when no plan was saved, else on from the first unfinished step.
  failed: ['planning', 'running'],
  cancelled: [],
  interrupted: ['planning', 'running', 'cancelled'],
  paused: ['planning', 'running', 'cancelled'],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_TRANSITIONS[from].includes(to);
}

/**
 * A step that could not be finished honestly (the model ran out of room or iterations, a filter stopped
 * it, a tool kept failing) is `needs_attention`, never `done`.
 */
export const StepStatus = z.enum(['pending', 'running', 'done', 'failed', 'needs_attention', 'skipped']);
export type StepStatus = z.infer<typeof StepStatus>;

/** Why a model stopped, in the SDK's words; anything but `stop` and `tool-calls` means the answer is not whole. */
export const FinishReason = z.enum(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other', 'unknown']);
export type FinishReason = z.infer<typeof FinishReason>;
