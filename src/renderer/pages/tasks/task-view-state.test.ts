import { describe, expect, it } from '@jest/globals';
import { detail, message, modelCall, review, step, task, toolCall } from './task-fixtures';
import { applyTaskEvent, INITIAL_TASK_VIEW, mergeOlderPage, olderCount, taskViewReducer, type TaskEvent } from './task-view-state';
import type { TimelinePage } from '../../../shared/task-history';

const OTHER = '11111111-2222-4333-8444-555555555555';

describe('applyTaskEvent', () => {
  it('replaces the task', () => {
    const next = applyTaskEvent(detail(), { type: 'task', task: task({ status: 'done' }) });
    expect(next.task.status).toBe('done');
  });

  it('upserts steps by id and keeps them in plan order', () => {
    let current = detail();
    for (const s of [step(1), step(0), step(2)]) current = applyTaskEvent(current, { type: 'step', step: s });
    current = applyTaskEvent(current, { type: 'step', step: step(1, { status: 'running' }) });
    expect(current.steps.map((s) => [s.id, s.status])).toEqual([
      ['step-0', 'pending'],
      ['step-1', 'running'],
      ['step-2', 'pending'],
    ]);
  });

  it('lets a new plan take the place of steps that had not run', () => {
    let current = detail({ steps: [step(0, { status: 'done' }), step(1, { status: 'failed' })] });
    current = applyTaskEvent(current, { type: 'step', step: step(1, { id: 'replacement', title: 'Address the review' }) });
    expect(current.steps.map((s) => s.id)).toEqual(['step-0', 'replacement']);
  });

  it('upserts tool calls by id as their status moves on', () => {
    let current = detail();
    current = applyTaskEvent(current, { type: 'toolCall', toolCall: toolCall('a', 1) });
    current = applyTaskEvent(current, { type: 'toolCall', toolCall: toolCall('b', 2) });
    current = applyTaskEvent(current, { type: 'toolCall', toolCall: toolCall('a', 1, { status: 'waiting_approval' }) });
    current = applyTaskEvent(current, { type: 'toolCall', toolCall: toolCall('a', 1, { status: 'done', output: { text: 'hi' }, durationMs: 12 }) });
    expect(current.toolCalls.map((c) => [c.id, c.status])).toEqual([
      ['a', 'done'],
      ['b', 'pending'],
    ]);
  });

  it('appends messages, reviews and model calls once each', () => {
    let current = detail();
    const events: TaskEvent[] = [
      { type: 'message', message: message('m1', 1) },
      { type: 'message', message: message('m1', 1) },
      { type: 'review', review: review('r1', 2) },
      { type: 'review', review: review('r1', 2) },
      { type: 'modelCall', modelCall: modelCall('c1') },
      { type: 'modelCall', modelCall: modelCall('c1') },
    ];
    for (const event of events) current = applyTaskEvent(current, event);
    expect(current.messages.map((m) => m.id)).toEqual(['goal', 'm1']);
    expect(current.reviews).toHaveLength(1);
    expect(current.modelCalls).toHaveLength(1);
  });

  it('returns the same object for duplicates and for events of other tasks', () => {
    const current = detail({ messages: [message('m1', 1)] });
    expect(applyTaskEvent(current, { type: 'message', message: message('m1', 1) })).toBe(current);
    expect(applyTaskEvent(current, { type: 'task', task: task({ id: OTHER }) })).toBe(current);
    expect(applyTaskEvent(current, { type: 'step', step: step(0, { taskId: OTHER }) })).toBe(current);
    expect(applyTaskEvent(current, { type: 'toolCall', toolCall: toolCall('x', 1, { taskId: OTHER }) })).toBe(current);
    expect(applyTaskEvent(current, { type: 'message', message: message('x', 1, { taskId: OTHER }) })).toBe(current);
    expect(applyTaskEvent(current, { type: 'review', review: review('x', 1, { taskId: OTHER }) })).toBe(current);
    expect(applyTaskEvent(current, { type: 'modelCall', modelCall: modelCall('x', { taskId: OTHER }) })).toBe(current);
  });
});

describe('taskViewReducer', () => {
  it('ignores events until the task is loaded', () => {
    expect(taskViewReducer(INITIAL_TASK_VIEW, { type: 'event', event: { type: 'message', message: message('m1', 1) } })).toBe(INITIAL_TASK_VIEW);
  });

  it('replays the events that arrived during the load, ending at the latest state', () => {
    // The answer was read after "a" became running; the buffered events straddle that moment.
    const answer = detail({ toolCalls: [toolCall('a', 1, { status: 'running' })], steps: [step(0, { status: 'running' })] });
    const events: TaskEvent[] = [
      { type: 'toolCall', toolCall: toolCall('a', 1, { status: 'waiting_approval' }) },
      { type: 'toolCall', toolCall: toolCall('a', 1, { status: 'running' }) },
      { type: 'toolCall', toolCall: toolCall('a', 1, { status: 'done' }) },
      { type: 'message', message: message('m1', 2, { stepId: 'step-0' }) },
      { type: 'step', step: step(0, { status: 'done' }) },
    ];
    const state = taskViewReducer({ ...INITIAL_TASK_VIEW }, { type: 'loaded', detail: answer, events });
    expect(state.loading).toBe(false);
    expect(state.detail?.toolCalls.map((c) => c.status)).toEqual(['done']);
    expect(state.detail?.steps.map((s) => s.status)).toEqual(['done']);
    expect(state.detail?.messages.map((m) => m.id)).toEqual(['goal', 'm1']);
  });

  it('keeps the last answer through a reload and a failure', () => {
    const loaded = taskViewReducer(INITIAL_TASK_VIEW, { type: 'loaded', detail: detail(), events: [] });
    const reloading = taskViewReducer(loaded, { type: 'load' });
    expect(reloading).toEqual({ detail: loaded.detail, error: null, loading: true });
    const failed = taskViewReducer(reloading, { type: 'failed', error: new Error('gone') });
    expect(failed.detail).toBe(loaded.detail);
    expect(failed.loading).toBe(false);
  });

  it('applies live events to the loaded task', () => {
    const loaded = taskViewReducer(INITIAL_TASK_VIEW, { type: 'loaded', detail: detail(), events: [] });
    const next = taskViewReducer(loaded, { type: 'event', event: { type: 'task', task: task({ status: 'waiting_approval' }) } });
    expect(next.detail?.task.status).toBe('waiting_approval');
    expect(taskViewReducer(next, { type: 'event', event: { type: 'task', task: task({ id: OTHER }) } })).toBe(next);
  });
});

describe('a task page with older items not loaded', () => {
  // The page holds items from second 10 on; items before are on pages not loaded yet.
  const paged = () =>
    detail({
      messages: [message('m10', 10)],
      toolCalls: [toolCall('t11', 11, { status: 'done' })],
      cursor: { at: '2025-01-01T10:00:10.000Z', kind: 'message', seq: 40 },
      hasOlder: true,
      totals: { messages: 30, toolCalls: 25, reviews: 1, modelCalls: 4, unpricedModelCalls: 1 },
    });
  const olderPage = (changes: Partial<TimelinePage> = {}): TimelinePage => ({ messages: [message('m5', 5)], toolCalls: [], reviews: [], modelCalls: [], cursor: { at: '2025-01-01T10:00:05.000Z', kind: 'message', seq: 20 }, hasOlder: true, ...changes });

  it('counts what is not loaded yet', () => {
    expect(olderCount(paged())).toBe(30 + 25 + 1 + 4 - 2);
    expect(olderCount(detail())).toBe(0);
  });

  it('appends and counts new items, and leaves out pushed items that belong to older pages', () => {
    let current = paged();
    current = applyTaskEvent(current, { type: 'message', message: message('m12', 12) });
    current = applyTaskEvent(current, { type: 'modelCall', modelCall: modelCall('c12', { createdAt: '2025-01-01T10:00:12.000Z', costUsd: null }) });
    expect(current.messages.map((m) => m.id)).toEqual(['m10', 'm12']);
    expect(current.totals).toEqual({ messages: 31, toolCalls: 25, reviews: 1, modelCalls: 5, unpricedModelCalls: 2 });
    const old = applyTaskEvent(current, { type: 'message', message: message('m3', 3) });
    expect(old).toBe(current);
    expect(applyTaskEvent(current, { type: 'toolCall', toolCall: toolCall('t3', 3, { status: 'done' }) })).toBe(current);
  });

  it('shows an older call that is still open, since it waits for an answer now', () => {
    const current = applyTaskEvent(paged(), { type: 'toolCall', toolCall: toolCall('t3', 3, { status: 'waiting_approval' }) });
    expect(current.toolCalls.map((c) => [c.id, c.status])).toEqual([
      ['t11', 'done'],
      ['t3', 'waiting_approval'],
    ]);
    expect(current.totals.toolCalls).toBe(25);
    // Its page, loaded later, does not show it twice.
    const merged = mergeOlderPage(current, current.cursor!, olderPage({ toolCalls: detail({ toolCalls: [toolCall('t3', 3, { status: 'waiting_approval' })] }).toolCalls }));
    expect(merged.toolCalls.map((c) => c.id)).toEqual(['t11', 't3']);
  });

  it('puts an older page before what is loaded and moves the cursor', () => {
    const current = paged();
    const merged = mergeOlderPage(current, current.cursor!, olderPage());
    expect(merged.messages.map((m) => m.id)).toEqual(['m5', 'm10']);
    expect(merged.cursor).toEqual({ at: '2025-01-01T10:00:05.000Z', kind: 'message', seq: 20 });
    expect(merged.hasOlder).toBe(true);
    const last = mergeOlderPage(merged, merged.cursor!, olderPage({ messages: [message('m1', 1)], hasOlder: false }));
    expect(last.messages.map((m) => m.id)).toEqual(['m1', 'm5', 'm10']);
    expect(olderCount(last)).toBe(0);
  });

  it('drops a page asked for before a reload moved the cursor', () => {
    const current = paged();
    const stale = { ...current.cursor!, seq: 99 };
    expect(mergeOlderPage(current, stale, olderPage())).toBe(current);
    const state = taskViewReducer({ detail: current, error: null, loading: false }, { type: 'older', before: stale, page: olderPage() });
    expect(state.detail).toBe(current);
  });

  it('keeps a preview of pushed outputs and no step summaries', () => {
    let current = paged();
    current = applyTaskEvent(current, { type: 'toolCall', toolCall: toolCall('t12', 12, { status: 'done', output: { content: 'z'.repeat(50_000) } }) });
    expect(current.toolCalls.at(-1)).toMatchObject({ id: 't12', outputTruncated: true, outputBytes: 50_014 });
    expect(JSON.stringify(current.toolCalls.at(-1)?.output).length).toBeLessThan(2100);
    current = applyTaskEvent(current, { type: 'step', step: step(0, { status: 'done', summary: 'A long summary' }) });
    expect(current.steps).toEqual([{ id: 'step-0', taskId: current.task.id, index: 0, title: 'Step 1', detail: '', status: 'done' }]);
  });
});
