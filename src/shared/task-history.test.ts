import { describe, expect, it } from '@jest/globals';
import { TaskHistoryInput, TaskOverviewInput, TimelineCursor, toPlanStep } from './task-history';

describe('task history inputs', () => {
  const id = '6b1f7c52-3a0e-4d7e-9b8a-2f3c4d5e6f70';
  const before = { at: '2025-01-01T00:00:00.000Z', kind: 'toolCall', seq: 7 };

  it('defaults the page size and bounds it', () => {
    expect(TaskOverviewInput.parse({ id })).toEqual({ id, limit: 50 });
    expect(TaskHistoryInput.safeParse({ id, before, limit: 0 }).success).toBe(false);
    expect(TaskHistoryInput.safeParse({ id, before, limit: 501 }).success).toBe(false);
    expect(TaskHistoryInput.parse({ id, before, limit: 500 }).limit).toBe(500);
  });

  it('accepts only cursors it could have given', () => {
    expect(TimelineCursor.safeParse(before).success).toBe(true);
    for (const bad of [{ ...before, kind: 'step' }, { ...before, seq: -1 }, { ...before, seq: 1.5 }, { ...before, at: '' }, { ...before, extra: 1 }, { at: before.at, kind: 'message' }]) {
      expect(TimelineCursor.safeParse(bad).success).toBe(false);
    }
    expect(TaskHistoryInput.safeParse({ id: 'not-a-uuid', before }).success).toBe(false);
    expect(TaskHistoryInput.safeParse({ id }).success).toBe(false);
  });

  it('leaves the summary out of a plan step', () => {
    const step = { id: 's', taskId: 't', index: 0, title: 'T', detail: 'D', status: 'done' as const, summary: 'long' };
    expect(toPlanStep(step)).toEqual({ id: 's', taskId: 't', index: 0, title: 'T', detail: 'D', status: 'done' });
  });
});
