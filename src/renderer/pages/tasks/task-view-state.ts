import type { ModelCallRecord, ReviewRecord, Task, TaskDetail, TaskMessage, TaskStep, ToolCallRecord } from '../../../shared/tasks';

/** A pushed event that changes what the view of one task shows (tokens are handled apart, in live-text). */
export type TaskEvent =
  | { type: 'task'; task: Task }
  | { type: 'step'; step: TaskStep }
  | { type: 'message'; message: TaskMessage }
  | { type: 'toolCall'; toolCall: ToolCallRecord }
  | { type: 'review'; review: ReviewRecord }
  | { type: 'modelCall'; modelCall: ModelCallRecord };

export function eventTaskId(event: TaskEvent): string {
  switch (event.type) {
    case 'task':
      return event.task.id;
    case 'step':
      return event.step.taskId;
    case 'message':
      return event.message.taskId;
    case 'toolCall':
      return event.toolCall.taskId;
    case 'review':
      return event.review.taskId;
    case 'modelCall':
      return event.modelCall.taskId;
  }
}

/** Replaces the item with the same id, or appends it; the same array when nothing changed. */
function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const index = list.findIndex((existing) => existing.id === item.id);
  if (index < 0) return [...list, item];
  return list[index] === item ? list : list.map((existing, i) => (i === index ? item : existing));
}

/** Records that never change once written are only appended, once. */
const appendOnce = <T extends { id: string }>(list: T[], item: T): T[] => (list.some((existing) => existing.id === item.id) ? list : [...list, item]);

/**
 * A new plan replaces the steps that had not run, and its steps may reuse their positions: a step
 * takes the place of any other step at its index, and the plan stays in index order.
 */
function upsertStep(steps: TaskStep[], step: TaskStep): TaskStep[] {
  const others = steps.filter((existing) => existing.id !== step.id && existing.index !== step.index);
  return [...others, step].sort((a, b) => a.index - b.index);
}

/**
 * Applies one event to a loaded task. Each event carries the whole record as it was just written, so
 * applying events in the order they were sent always ends at the host's state. Events of other tasks
 * are ignored; the result is the same object when nothing changed, so React can skip the render.
 */
export function applyTaskEvent(detail: TaskDetail, event: TaskEvent): TaskDetail {
  if (eventTaskId(event) !== detail.task.id) return detail;
  switch (event.type) {
    case 'task':
      return { ...detail, task: event.task };
    case 'step':
      return { ...detail, steps: upsertStep(detail.steps, event.step) };
    case 'toolCall': {
      const toolCalls = upsert(detail.toolCalls, event.toolCall);
      return toolCalls === detail.toolCalls ? detail : { ...detail, toolCalls };
    }
    case 'message': {
      const messages = appendOnce(detail.messages, event.message);
      return messages === detail.messages ? detail : { ...detail, messages };
    }
    case 'review': {
      const reviews = appendOnce(detail.reviews, event.review);
      return reviews === detail.reviews ? detail : { ...detail, reviews };
    }
    case 'modelCall': {
      const modelCalls = appendOnce(detail.modelCalls, event.modelCall);
      return modelCalls === detail.modelCalls ? detail : { ...detail, modelCalls };
    }
  }
}

export interface TaskViewState {
  /** The last good answer, kept through a reload (after a reconnect) so nothing flickers. */
  detail: TaskDetail | undefined;
  error: unknown;
  loading: boolean;
}

export type TaskViewAction =
  | { type: 'load' }
  /** `events` arrived while `tasks.get` was on its way; replaying them brings the answer up to date. */
  | { type: 'loaded'; detail: TaskDetail; events: readonly TaskEvent[] }
  | { type: 'failed'; error: unknown }
  | { type: 'event'; event: TaskEvent };

export const INITIAL_TASK_VIEW: TaskViewState = { detail: undefined, error: null, loading: true };

export function taskViewReducer(state: TaskViewState, action: TaskViewAction): TaskViewState {
  switch (action.type) {
    case 'load':
      return state.loading ? state : { ...state, loading: true };
    case 'loaded':
      return { detail: action.events.reduce(applyTaskEvent, action.detail), error: null, loading: false };
    case 'failed':
      return { ...state, error: action.error, loading: false };
    case 'event': {
      if (!state.detail) return state;
      const detail = applyTaskEvent(state.detail, action.event);
      return detail === state.detail ? state : { ...state, detail };
    }
  }
}
