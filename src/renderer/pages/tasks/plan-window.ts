import type { PlanStep } from '../../../shared/task-history';

/** Plans up to this long are shown whole; a longer one (a task of hundreds of steps) shows a window of it. */
export const PLAN_SHOWN_WHOLE = 60;
const WINDOW = 50;
/** Finished steps kept in view above the one the task is at, for context. */
const BEFORE = 10;

/**
 * The steps a long plan shows until the user asks for all: a window around the first step not finished
 * (the one running, or where the task stopped), or the last steps of a finished plan. Drawing a thousand
 * steps took most of the time to open such a task; fifty take a few milliseconds. `to` is exclusive.
 */
export function planWindow(steps: readonly PlanStep[]): { from: number; to: number } {
  if (steps.length <= PLAN_SHOWN_WHOLE) return { from: 0, to: steps.length };
  const open = steps.findIndex((step) => step.status !== 'done' && step.status !== 'skipped');
  const focus = open < 0 ? steps.length - 1 : open;
  const from = Math.max(0, Math.min(focus - BEFORE, steps.length - WINDOW));
  return { from, to: from + WINDOW };
}
