import { toToolCallPreview } from '../../../shared/output-preview';
import { toPlanStep, type PlanStep, type TaskOverview, type TimelineCursor, type TimelinePage, type TimelineTotals } from '../../../shared/task-history';
import type { ModelCallRecord, ReviewRecord, Task, TaskMessage, TaskStep, ToolCallRecord } from '../../../shared/tasks';

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

const OPEN_CALLS: readonly ToolCallRecord['status'][] = ['pending', 'waiting_approval', 'running'];

/**
 * A record from before the oldest page loaded belongs to a page not loaded yet, which will bring it: it
 * is left out now, so the timeline never shows a stray old item above a gap.
 */
const beforeLoaded = (view: TaskOverview, at: string) => view.hasOlder && view.cursor !== null && at < view.cursor.at;

/** Replaces the item with the same id, or appends it; the same array when nothing changed. */
function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const index = list.findIndex((existing) => existing.id === item.id);
  if (index < 0) return [...list, item];
  return list[index] === item ? list : list.map((existing, i) => (i === index ? item : existing));
}

/**
 * A new plan replaces the steps that had not run, and its steps may reuse their positions: a step
 * takes the place of any other step at its index, and the plan stays in index order.
 */
function upsertStep(steps: PlanStep[], step: PlanStep): PlanStep[] {
  const others = steps.filter((existing) => existing.id !== step.id && existing.index !== step.index);
  return [...others, step].sort((a, b) => a.index - b.index);
}

const count = (totals: TimelineTotals, key: keyof TimelineTotals, by = 1): TimelineTotals => ({ ...totals, [key]: totals[key] + by });

/** Records that never change once written are appended once, and counted, unless they are older than what is loaded. */
function appendNew<K extends 'messages' | 'reviews' | 'modelCalls'>(view: TaskOverview, key: K, item: TaskOverview[K][number], at: string): TaskOverview {
  const list = view[key] as { id: string }[];
  if (list.some((existing) => existing.id === item.id) || beforeLoaded(view, at)) return view;
  return { ...view, [key]: [...list, item], totals: count(view.totals, key) };
}

/**
 * Applies one event to a loaded task. Each event carries the whole record as it was just written, so
 * applying events in the order they were sent always ends at the host's state. Tool outputs are cut to
 * the preview a page would hold, so a long run watched live keeps no more than a page does. Events of
 * other tasks are ignored; the result is the same object when nothing changed, so React can skip the render.
 */
export function applyTaskEvent(view: TaskOverview, event: TaskEvent): TaskOverview {
  if (eventTaskId(event) !== view.task.id) return view;
  switch (event.type) {
    case 'task':
      return { ...view, task: event.task };
    case 'step':
      return { ...view, steps: upsertStep(view.steps, toPlanStep(event.step)) };
    case 'toolCall': {
      const loaded = view.toolCalls.some((call) => call.id === event.toolCall.id);
      // An older call still open (waiting for an answer) matters now; a finished one waits for its page.
      if (!loaded && beforeLoaded(view, event.toolCall.createdAt) && !OPEN_CALLS.includes(event.toolCall.status)) return view;
      const toolCalls = upsert(view.toolCalls, toToolCallPreview(event.toolCall));
      return { ...view, toolCalls, totals: loaded || beforeLoaded(view, event.toolCall.createdAt) ? view.totals : count(view.totals, 'toolCalls') };
    }
    case 'message':
      return appendNew(view, 'messages', event.message, event.message.createdAt);
    case 'review':
      return appendNew(view, 'reviews', event.review, event.review.createdAt);
    case 'modelCall': {
      const next = appendNew(view, 'modelCalls', event.modelCall, event.modelCall.createdAt);
      return next === view || event.modelCall.costUsd !== null ? next : { ...next, totals: count(next.totals, 'unpricedModelCalls') };
    }
  }
}

const sameCursor = (a: TimelineCursor | null, b: TimelineCursor) => a !== null && a.at === b.at && a.kind === b.kind && a.seq === b.seq;

/** Items of an older page go before those loaded; any already there (an open call pushed live) stay as they are. */
function prepend<T extends { id: string }>(older: T[], list: T[]): T[] {
  if (!older.length) return list;
  const have = new Set(list.map((item) => item.id));
  return [...older.filter((item) => !have.has(item.id)), ...list];
}

/** Adds the page before `before` to the view; a page asked for before a reload (another cursor) is dropped. */
export function mergeOlderPage(view: TaskOverview, before: TimelineCursor, page: TimelinePage): TaskOverview {
  if (!sameCursor(view.cursor, before)) return view;
  return {
    ...view,
    messages: prepend(page.messages, view.messages),
    toolCalls: prepend(page.toolCalls, view.toolCalls),
    reviews: prepend(page.reviews, view.reviews),
    modelCalls: prepend(page.modelCalls, view.modelCalls),
    cursor: page.cursor ?? view.cursor,
    hasOlder: page.hasOlder,
  };
}

/** Timeline items not loaded yet: all of them, less those on screen. */
export function olderCount(view: TaskOverview): number {
  if (!view.hasOlder) return 0;
  const { messages, toolCalls, reviews, modelCalls } = view.totals;
  return Math.max(0, messages + toolCalls + reviews + modelCalls - view.messages.length - view.toolCalls.length - view.reviews.length - view.modelCalls.length);
}

export interface TaskViewState {
  /** The last good answer, kept through a reload (after a reconnect) so nothing flickers. */
  detail: TaskOverview | undefined;
  error: unknown;
  loading: boolean;
}

export type TaskViewAction =
  | { type: 'load' }
  /** `events` arrived while `tasks.get` was on its way; replaying them brings the answer up to date. */
  | { type: 'loaded'; detail: TaskOverview; events: readonly TaskEvent[] }
  | { type: 'failed'; error: unknown }
  | { type: 'event'; event: TaskEvent }
  /** The page `tasks.history` returned for the cursor `before`. */
  | { type: 'older'; before: TimelineCursor; page: TimelinePage };

export const INITIAL_TASK_VIEW: TaskViewState = { detail: undefined, error: null, loading: true };

export function taskViewReducer(state: TaskViewState, action: TaskViewAction): TaskViewState {
  switch (action.type) {
    case 'load':
      return state.loading ? state : { ...state, loading: true };
    case 'loaded':
      return { detail: action.events.reduce(applyTaskEvent, action.detail), error: null, loading: false };
    case 'failed':
      return { ...state, error: action.error, loading: false };
    case 'event':
    case 'older': {
      if (!state.detail) return state;
      const detail = action.type === 'event' ? applyTaskEvent(state.detail, action.event) : mergeOlderPage(state.detail, action.before, action.page);
      return detail === state.detail ? state : { ...state, detail };
    }
  }
}
