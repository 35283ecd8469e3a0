import { describe, expect, it } from '@jest/globals';
import { canTransition, RESUMABLE_STATUSES, TASK_TRANSITIONS, TaskStatus, TERMINAL_STATUSES } from './task-states';

describe('the task state machine', () => {
  it('lets a task go from queued to done only through planning, running and reviewing', () => {
    const path: TaskStatus[] = ['queued', 'planning', 'running', 'waiting_approval', 'running', 'reviewing', 'running', 'reviewing', 'done'];
    for (let i = 1; i < path.length; i += 1) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('queued', 'done')).toBe(false);
    expect(canTransition('planning', 'done')).toBe(false);
    expect(canTransition('running', 'done')).toBe(false);
  });

  it('never leaves done or cancelled, and resumes only failed, interrupted or paused tasks', () => {
    expect(TASK_TRANSITIONS.done).toEqual([]);
    expect(TASK_TRANSITIONS.cancelled).toEqual([]);
    for (const status of TaskStatus.options) {
      const resumable = canTransition(status, 'running') && TERMINAL_STATUSES.includes(status);
      expect(resumable).toBe(status === 'failed' || status === 'interrupted' || status === 'paused');
      expect(RESUMABLE_STATUSES.includes(status)).toBe(resumable);
    }
  });

  it('pauses a working task (a spent budget), which then resumes or is cancelled, never finishes by itself', () => {
    for (const status of ['planning', 'running', 'waiting_approval', 'reviewing'] as const) expect(canTransition(status, 'paused')).toBe(true);
    expect(canTransition('queued', 'paused')).toBe(false);
    expect(canTransition('done', 'paused')).toBe(false);
    expect(TASK_TRANSITIONS.paused).toEqual(['planning', 'running', 'cancelled']);
  });

  it('can stop every active task', () => {
    for (const status of TaskStatus.options.filter((s) => !TERMINAL_STATUSES.includes(s))) {
      for (const stop of ['failed', 'cancelled', 'interrupted'] as const) expect(canTransition(status, stop)).toBe(true);
    }
  });
});
