import { describe, expect, it } from '@jest/globals';
import { appendToken, endsLiveText, type LiveText } from './live-text';
import { message, modelCall, review, step, task, TASK_ID, toolCall } from './task-fixtures';

const delta = (text: string, role: LiveText['role'] = 'executor', stepId: string | null = 'step-0') => ({ taskId: TASK_ID, stepId, role, delta: text });

describe('appendToken', () => {
  it('grows the text of one turn', () => {
    let live: LiveText | null = null;
    for (const piece of ['Read', 'ing ', 'the file']) live = appendToken(live, delta(piece));
    expect(live).toEqual({ stepId: 'step-0', role: 'executor', text: 'Reading the file' });
  });

  it('starts again when the step or the role changes', () => {
    const first = appendToken(null, delta('one'));
    expect(appendToken(first, delta('two', 'executor', 'step-1'))).toEqual({ stepId: 'step-1', role: 'executor', text: 'two' });
    expect(appendToken(first, delta('{"verdict"', 'reviewer', null))).toEqual({ stepId: null, role: 'reviewer', text: '{"verdict"' });
  });
});

describe('endsLiveText', () => {
  const executor: LiveText = { stepId: 'step-0', role: 'executor', text: 'Done.' };
  const reviewer: LiveText = { stepId: null, role: 'reviewer', text: '{' };

  it('ends with the finished message of the same turn only', () => {
    expect(endsLiveText(executor, { type: 'message', message: message('m', 1, { stepId: 'step-0', role: 'executor' }) })).toBe(true);
    expect(endsLiveText(executor, { type: 'message', message: message('m', 1, { stepId: 'step-1', role: 'executor' }) })).toBe(false);
    expect(endsLiveText(executor, { type: 'message', message: message('m', 1, { stepId: null, role: 'user' }) })).toBe(false);
  });

  it("ends with the reviewer's verdict, the end of a model call, the step, or the task", () => {
    expect(endsLiveText(reviewer, { type: 'review', review: review('r', 1) })).toBe(true);
    expect(endsLiveText(executor, { type: 'review', review: review('r', 1) })).toBe(false);
    expect(endsLiveText(executor, { type: 'modelCall', modelCall: modelCall('c', { ok: false }) })).toBe(true);
    expect(endsLiveText(reviewer, { type: 'modelCall', modelCall: modelCall('c') })).toBe(false);
    expect(endsLiveText(executor, { type: 'step', step: step(0, { status: 'failed' }) })).toBe(true);
    expect(endsLiveText(executor, { type: 'step', step: step(0, { status: 'running' }) })).toBe(false);
    expect(endsLiveText(executor, { type: 'task', task: task({ status: 'cancelled' }) })).toBe(true);
    expect(endsLiveText(executor, { type: 'task', task: task({ status: 'waiting_approval' }) })).toBe(false);
    expect(endsLiveText(executor, { type: 'toolCall', toolCall: toolCall('t', 1) })).toBe(false);
    expect(endsLiveText(null, { type: 'task', task: task({ status: 'done' }) })).toBe(false);
  });
});
