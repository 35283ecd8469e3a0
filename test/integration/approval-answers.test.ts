import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolCallRecord } from '../../src/shared/tasks';
import { openHarness, type Harness } from '../support/agent-harness';
import { eventually } from '../support/eventually';

const PLAN = (...titles: string[]) => ({ text: JSON.stringify({ steps: titles.map((title) => ({ title, detail: `${title}.` })) }) });
const PASS = { text: '{"verdict":"pass","reasons":[]}' };
const WRITE = (path: string, content: string) => ({ toolCalls: [{ name: 'write', args: { path, content } }] });

// A task starts the file sandbox's worker and makes five model calls: on a loaded machine that is seconds.
jest.setTimeout(60_000);

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Every call that asked, in order (a call asks once: its waiting_approval event). */
function askedCalls(h: Harness): string[] {
  const asked: string[] = [];
  h.app.events.subscribe((event, payload) => {
    if (event === 'task.toolCall' && (payload as ToolCallRecord).status === 'waiting_approval') asked.push((payload as ToolCallRecord).id);
  });
  return asked;
}

const waitingCall = async (h: Harness, taskId: string, nth: number) =>
  (await eventually(() => h.app.tasks.detail(taskId), (d) => d.toolCalls.filter((c) => c.status === 'waiting_approval').length > 0 && d.toolCalls.length >= nth)).toolCalls.find((c) => c.status === 'waiting_approval') as ToolCallRecord;

describe('approval answers', () => {
  it('"task" runs the call, and the tool\'s later calls in the task run without asking', async () => {
    harness = await openHarness();
    const h = harness;
    h.llm.enqueue(PLAN('Write two files'), WRITE('a.txt', 'A'), WRITE('b.txt', 'B'), { text: 'Both written.' }, PASS);
    const asked = askedCalls(h);
    const task = await h.create({ goal: 'Write a.txt and b.txt', profile: 'ask', model: h.ref('openai-compatible') });
    const first = await waitingCall(h, task.id, 1);
    // What the prompt shows: the file as it would be written.
    expect(await h.call('approvals.preview', { toolCallId: first.id })).toMatchObject({ kind: 'file', path: 'a.txt', before: null, after: 'A' });
    await h.call('approvals.answer', { toolCallId: first.id, decision: 'task' });
    const detail = await h.finish(task.id);
    expect(detail.task.status).toBe('done');
    expect(detail.toolCalls.map((c) => [c.name, c.status])).toEqual([
      ['write', 'done'],
      ['write', 'done'],
    ]);
    expect(asked).toEqual([first.id]);
    expect(readFileSync(join(h.workspace, 'b.txt'), 'utf8')).toBe('B');
    expect(h.app.audit.list({ page: 1, pageSize: 10, action: 'approval.answer' }).entries[0]).toMatchObject({ target: first.id, detail: { decision: 'task', tool: 'write', taskId: task.id, noteChars: 0 } });
    // Not waiting any more: nothing to preview or answer.
    await expect(h.call('approvals.preview', { toolCallId: first.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.call('approvals.answer', { toolCallId: first.id, decision: 'once' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // The grant ended with the task's run: the profile itself is unchanged.
    expect(h.app.profiles.find('ask')?.tools).toEqual([]);
  });

  it('"once" asks again for the next call', async () => {
    harness = await openHarness();
    const h = harness;
    h.llm.enqueue(PLAN('Write two files'), WRITE('a.txt', 'A'), WRITE('b.txt', 'B'), { text: 'Both written.' }, PASS);
    const task = await h.create({ goal: 'Write a.txt and b.txt', profile: 'ask', model: h.ref('openai-compatible') });
    const first = await waitingCall(h, task.id, 1);
    await h.call('approvals.answer', { toolCallId: first.id, decision: 'once' });
    const second = await waitingCall(h, task.id, 2);
    expect(second.id).not.toBe(first.id);
    await h.call('approvals.answer', { toolCallId: second.id, decision: 'once' });
    expect((await h.finish(task.id)).task.status).toBe('done');
  });

  it('"always" adds an allow rule to a copy of the built-in profile, which becomes the task\'s and the active one', async () => {
    harness = await openHarness();
    const h = harness;
    h.llm.enqueue(PLAN('Write two files'), WRITE('a.txt', 'A'), WRITE('b.txt', 'B'), { text: 'Both written.' }, PASS);
    const asked = askedCalls(h);
    const task = await h.create({ goal: 'Write a.txt and b.txt', profile: 'ask', model: h.ref('openai-compatible') });
    const first = await waitingCall(h, task.id, 1);
    await h.call('approvals.answer', { toolCallId: first.id, decision: 'always' });
    const detail = await h.finish(task.id);
    expect(detail.toolCalls.map((c) => c.status)).toEqual(['done', 'done']);
    expect(asked).toEqual([first.id]);
    const copy = h.app.profiles.resolve('Ask every time (my rules)');
    expect(copy).toMatchObject({ builtin: false, risks: { write: 'ask' }, tools: [{ tool: 'write', decision: 'allow' }] });
    expect(detail.task.profile).toBe(copy.id);
    expect((await h.call<{ active: string }>('profiles.list', {})).active).toBe(copy.id);
    expect(h.app.profiles.find('ask')?.tools).toEqual([]);
    expect(h.app.audit.list({ page: 1, pageSize: 10, action: 'approval.answer' }).entries[0]).toMatchObject({ detail: { decision: 'always', tool: 'write', profile: copy.id, copied: true } });
  });

  it('"deny" refuses the call, and the model\'s next request carries the user\'s note', async () => {
    harness = await openHarness();
    const h = harness;
    writeFileSync(join(h.workspace, 'keep.txt'), 'original');
    h.llm.enqueue(PLAN('Rewrite keep.txt'), WRITE('keep.txt', 'changed'), { text: 'Left it alone.' }, PASS);
    const task = await h.create({ goal: 'Rewrite keep.txt', profile: 'ask', model: h.ref('openai-compatible') });
    const first = await waitingCall(h, task.id, 1);
    const note = 'Leave keep.txt alone; write notes.txt instead';
    await h.call('approvals.answer', { toolCallId: first.id, decision: 'deny', note });
    const detail = await h.finish(task.id);
    expect(detail.toolCalls[0]).toMatchObject({ status: 'denied', error: { code: 'FORBIDDEN', message: expect.stringContaining(note) } });
    expect(readFileSync(join(h.workspace, 'keep.txt'), 'utf8')).toBe('original');
    // The third request (planner, executor, then executor with the tool result) is the one after the answer.
    expect(JSON.stringify(h.llm.requests[2]?.body)).toContain(note);
    const audit = h.app.audit.list({ page: 1, pageSize: 10, action: 'approval.answer' }).entries[0];
    expect(audit).toMatchObject({ detail: { decision: 'deny', tool: 'write', noteChars: note.length } });
    expect(JSON.stringify(audit)).not.toContain(note);
    expect(existsSync(join(h.workspace, 'notes.txt'))).toBe(false);
  });
});
