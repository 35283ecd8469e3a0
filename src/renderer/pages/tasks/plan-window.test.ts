import { describe, expect, it } from '@jest/globals';
import { toPlanStep } from '../../../shared/task-history';
import { step } from './task-fixtures';
import { PLAN_SHOWN_WHOLE, planWindow } from './plan-window';

const plan = (count: number, done: number) => Array.from({ length: count }, (_, i) => toPlanStep(step(i, { status: i < done ? 'done' : i === done ? 'running' : 'pending' })));

describe('planWindow', () => {
  it('shows a plan of ordinary length whole', () => {
    expect(planWindow(plan(PLAN_SHOWN_WHOLE, 3))).toEqual({ from: 0, to: PLAN_SHOWN_WHOLE });
    expect(planWindow([])).toEqual({ from: 0, to: 0 });
  });

  it('shows a long plan around the step it is at, with a few finished ones above', () => {
    expect(planWindow(plan(1000, 500))).toEqual({ from: 490, to: 540 });
    expect(planWindow(plan(1000, 3))).toEqual({ from: 0, to: 50 });
    expect(planWindow(plan(1000, 995))).toEqual({ from: 950, to: 1000 });
  });

  it('shows the last steps of a finished plan, and stops at a failed step', () => {
    expect(planWindow(plan(1000, 1000))).toEqual({ from: 950, to: 1000 });
    const stopped = plan(1000, 1000).map((s, i) => (i === 200 ? { ...s, status: 'failed' as const } : s));
    expect(planWindow(stopped)).toEqual({ from: 190, to: 240 });
  });
});
