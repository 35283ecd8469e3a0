import { describe, expect, it } from '@jest/globals';
import { detail, message, modelCall, review, step, task, toolCall } from './task-fixtures';
import { applyTaskEvent, INITIAL_TASK_VIEW, taskViewReducer, type TaskEvent } from './task-view-state';

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
