import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskDetail } from '../../src/shared/tasks';
import { openHarness, type Harness } from '../support/agent-harness';
import { eventually } from '../support/eventually';
import { loadScript } from '../support/llm-server';

const PLAN = (...titles: string[]) => ({ text: JSON.stringify({ steps: titles.map((title) => ({ title, detail: `${title}.` })) }) });
const PASS = { text: '{"verdict":"pass","reasons":[]}' };

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const finish = (h: Harness, id: string): Promise<TaskDetail> => h.finish(id);

describe.each(['openai-compatible', 'anthropic', 'openai', 'google'] as const)('a multi-step task over the %s wire format', (provider) => {
  it('plans, writes and reads a file, passes review, and records tokens', async () => {
    harness = await openHarness();
    harness.llm.enqueue(...loadScript('write-file-task'));
    const task = await harness.create({ goal: 'Create hello.txt containing Hello, Aura', profile: 'yes', model: harness.ref(provider) });
    const detail = await finish(harness, task.id);

    expect(detail.task).toMatchObject({ status: 'done', error: null });
    expect(readFileSync(join(harness.workspace, 'hello.txt'), 'utf8')).toBe('Hello, Aura\n');
    expect(detail.steps.map((s) => [s.title, s.status])).toEqual([
      ['Write hello.txt', 'done'],
      ['Check the file', 'done'],
    ]);
    expect(detail.toolCalls.map((c) => [c.name, c.status])).toEqual([
      ['write', 'done'],
      ['read', 'done'],
    ]);
    expect(detail.toolCalls[1]?.output).toMatchObject({ content: 'Hello, Aura\n' });
    expect(detail.reviews).toEqual([expect.objectContaining({ round: 1, verdict: 'pass' })]);
    expect(detail.modelCalls.map((c) => [c.role, c.provider, c.ok])).toEqual([
      ['planner', provider, true],
      ['executor', provider, true],
      ['executor', provider, true],
      ['reviewer', provider, true],
    ]);
    expect(detail.task.usage.inputTokens).toBeGreaterThan(0);
    expect(detail.task.usage.outputTokens).toBeGreaterThan(0);
    expect(detail.modelCalls.every((c) => c.costUsd === 0)).toBe(true); // loopback: a local model costs nothing
    // The executor got the tool results back: the second executor request carries the read output.
    const executorBodies = harness.llm.requests.map((r) => JSON.stringify(r.body));
    expect(executorBodies.some((b) => b.includes('Hello, Aura\\\\n') || b.includes('Hello, Aura\\n'))).toBe(true);
    expect(harness.llm.pending()).toBe(0);
    const audit = harness.app.audit.list({ page: 1, pageSize: 200 }).entries.map((e) => e.action);
    expect(audit.filter((a) => a === 'tool.call')).toHaveLength(2);
    expect(audit).toContain('task.create');
    // Every move of the task is on the trail, in the order of its state machine (the list is newest first).
    const moves = harness.app.audit.list({ page: 1, pageSize: 200, action: 'task.transition' }).entries.map((e) => `${String(e.detail.from)}→${String(e.detail.to)}`);
    expect(moves.reverse()).toEqual(['queued→planning', 'planning→running', 'running→reviewing', 'reviewing→done']);
    expect(harness.app.audit.verify().ok).toBe(true);
  });
});

describe('the engine', () => {
  it('streams tokens and pushes every change as an event', async () => {
    harness = await openHarness();
    harness.llm.enqueue(...loadScript('write-file-task'));
    const seen: string[] = [];
    let streamed = '';
    harness.app.events.subscribe((event, payload) => {
      seen.push(event);
      if (event === 'task.token') streamed += (payload as { delta: string }).delta;
    });
    const task = await harness.create({ goal: 'Create hello.txt', profile: 'yes', model: harness.ref('openai-compatible') });
    await finish(harness, task.id);
    expect(streamed).toContain('"steps"');
    expect(streamed).toContain('Wrote hello.txt');
    expect(new Set(seen)).toEqual(new Set(['audit.appended', 'task.updated', 'task.step', 'task.message', 'task.token', 'task.toolCall', 'task.review', 'task.modelCall']));
  });

  it('pauses a write for approval under the ask profile and goes on when approved', async () => {
    harness = await openHarness();
    harness.llm.enqueue(...loadScript('write-file-task'));
    const task = await harness.create({ goal: 'Create hello.txt', profile: 'ask', model: harness.ref('openai-compatible') });
    const h = harness;
    const waiting = await eventually(() => h.app.tasks.detail(task.id), (d) => d.task.status === 'waiting_approval');
    expect(waiting.task.status).toBe('waiting_approval');
    const pendingCall = waiting.toolCalls.find((c) => c.status === 'waiting_approval');
    expect(pendingCall).toMatchObject({ name: 'write', risk: 'write' });
    expect(existsSync(join(h.workspace, 'hello.txt'))).toBe(false);
    await h.call('approvals.answer', { toolCallId: pendingCall?.id, decision: 'once' });
    const detail = await finish(h, task.id);
    expect(detail.task.status).toBe('done');
    expect(readFileSync(join(h.workspace, 'hello.txt'), 'utf8')).toBe('Hello, Aura\n');
  });

  it('tells the model a denied call was denied, and writes nothing', async () => {
    harness = await openHarness();
    harness.llm.enqueue(PLAN('Write the file'), { toolCalls: [{ name: 'write', args: { path: 'x.txt', content: 'x' } }] }, { text: 'The user declined the write.' }, PASS);
    const task = await harness.create({ goal: 'Write x.txt', profile: 'ask', model: harness.ref('openai-compatible') });
    const h = harness;
    const waiting = await eventually(() => h.app.tasks.detail(task.id), (d) => d.toolCalls.some((c) => c.status === 'waiting_approval'));
    await h.call('approvals.answer', { toolCallId: waiting.toolCalls[0]?.id, decision: 'deny' });
    const detail = await finish(h, task.id);
    expect(detail.toolCalls[0]).toMatchObject({ status: 'denied', error: { code: 'FORBIDDEN' } });
    expect(existsSync(join(h.workspace, 'x.txt'))).toBe(false);
    expect(JSON.stringify(h.llm.requests[2]?.body)).toContain('not approved');
  });

  it('refuses writes under read-only without asking', async () => {
    harness = await openHarness();
    harness.llm.enqueue(PLAN('Write'), { toolCalls: [{ name: 'write', args: { path: 'x.txt', content: 'x' } }] }, { text: 'Could not write.' }, PASS);
    const task = await harness.create({ goal: 'Write x.txt', profile: 'read-only', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.toolCalls[0]).toMatchObject({ status: 'denied' });
    expect(existsSync(join(harness.workspace, 'x.txt'))).toBe(false);
  });

  it('keeps path escapes out even under the yes profile', async () => {
    harness = await openHarness();
    harness.llm.enqueue(PLAN('Write'), { toolCalls: [{ name: 'write', args: { path: '../escape.txt', content: 'x' } }] }, { text: 'Refused.' }, PASS);
    const task = await harness.create({ goal: 'Write outside', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.toolCalls[0]).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN' } });
    expect(existsSync(join(harness.home, 'escape.txt'))).toBe(false);
  });

  it('repairs a malformed plan by asking again', async () => {
    harness = await openHarness();
    harness.llm.enqueue({ text: 'Sure! Here is my plan: step one, write it.' }, PLAN('Say hi'), { text: 'Hi.' }, PASS);
    const task = await harness.create({ goal: 'Say hi', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('done');
    expect(JSON.stringify(harness.llm.requests[1]?.body)).toContain('not valid JSON');
  });

  it('fails with a clear reason when the plan stays malformed, and saves no steps', async () => {
    harness = await openHarness();
    harness.llm.enqueue({ text: 'no json' }, { text: '{"steps": []}' });
    const task = await harness.create({ goal: 'Anything', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('failed');
    expect(detail.task.error).toMatchObject({ code: 'MODEL_OUTPUT_INVALID', message: expect.stringMatching(/planner answered in the wrong format twice/) });
    expect(detail.steps).toEqual([]);
    // Both answers are on record as failed calls, with what the model said: nothing looks OK that was not.
    expect(detail.modelCalls.map((c) => [c.ok, c.errorCode, c.rawReply])).toEqual([
      [false, 'MODEL_OUTPUT_INVALID', 'no json'],
      [false, 'MODEL_OUTPUT_INVALID', '{"steps": []}'],
    ]);
    expect(harness.llm.pending()).toBe(0);
  });

  it('records unknown tools and invalid arguments as failed calls, and lets the model recover', async () => {
    harness = await openHarness();
    harness.llm.enqueue(
      PLAN('Write'),
      { toolCalls: [{ name: 'delete_everything', args: {} }] },
      { toolCalls: [{ name: 'write', args: { path: 42 } }] },
      { toolCalls: [{ name: 'write', args: { path: 'ok.txt', content: 'ok' } }] },
      { text: 'Done after two mistakes.' },
      PASS,
    );
    const task = await harness.create({ goal: 'Write ok.txt', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('done');
    expect(detail.toolCalls.map((c) => [c.name, c.status])).toEqual([
      ['delete_everything', 'failed'],
      ['write', 'failed'],
      ['write', 'done'],
    ]);
    expect(readFileSync(join(harness.workspace, 'ok.txt'), 'utf8')).toBe('ok');
  });

  it('revises after a review asks for changes, within bounds', async () => {
    harness = await openHarness();
    harness.llm.enqueue(
      PLAN('Write'),
      { text: 'I wrote nothing.' },
      { text: '{"verdict":"revise","reasons":["hello.txt is missing"]}' },
      { toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'hi' } }] },
      { text: 'Wrote it.' },
      PASS,
    );
    const task = await harness.create({ goal: 'Write hello.txt', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('done');
    expect(detail.reviews.map((r) => r.verdict)).toEqual(['revise', 'pass']);
    expect(detail.steps.map((s) => s.title)).toEqual(['Write', 'Address the review (round 1)']);
  });

  it('fails when the review keeps asking for changes', async () => {
    harness = await openHarness();
    const revise = { text: '{"verdict":"revise","reasons":["still wrong"]}' };
    harness.llm.enqueue(PLAN('Work'), { text: 'done' }, revise, { text: 'done' }, revise, { text: 'done' }, revise);
    const task = await harness.create({ goal: 'Be perfect', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('failed');
    expect(detail.task.error?.message).toMatch(/still asked for changes after 2 revisions: still wrong/);
    expect(detail.reviews).toHaveLength(3);
  });

  it('stops a step that spends more than its token budget', async () => {
    harness = await openHarness({ limits: { maxTokensPerStep: 50 } });
    harness.llm.enqueue(PLAN('Read'), { toolCalls: [{ name: 'list', args: {} }], usage: { input: 40, output: 20 } }, { text: 'never reached' });
    const task = await harness.create({ goal: 'Read', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('failed');
    expect(detail.task.error?.message).toMatch(/^The step used more than its budget of 50 tokens/);
    expect(detail.steps[0]?.status).toBe('failed');
    expect(harness.llm.pending()).toBe(1);
  });

  it('fails a step that runs past its time limit', async () => {
    harness = await openHarness({ limits: { stepTimeoutMs: 300 }, idleTimeoutMs: 60_000 });
    harness.llm.enqueue(PLAN('Wait'), { stall: true });
    const task = await harness.create({ goal: 'Wait', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task).toMatchObject({ status: 'failed', error: expect.objectContaining({ message: expect.stringMatching(/Step 1 took longer than its time limit/) }) });
    expect(detail.steps[0]?.status).toBe('failed');
  });

  it('does not call a step done when its tool loop reaches its iteration bound', async () => {
    harness = await openHarness({ limits: { maxIterationsPerStep: 2 } });
    const list = { toolCalls: [{ name: 'list', args: {} }] };
    harness.llm.enqueue(PLAN('Loop'), list, list, PASS);
    const task = await harness.create({ goal: 'Loop', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.toolCalls).toHaveLength(2);
    expect(harness.llm.requests.filter((r) => JSON.stringify(r.body).includes('You are the executor'))).toHaveLength(2);
    // Still calling tools when its rounds ran out: the step is not done, and the task says why.
    expect(detail.task).toMatchObject({ status: 'failed', error: { code: 'STEP_INCOMPLETE' } });
    expect(detail.steps[0]?.status).toBe('needs_attention');
    expect(detail.modelCalls.at(-1)).toMatchObject({ ok: false, errorCode: 'STEP_INCOMPLETE', finishReason: 'tool-calls' });
    expect(harness.llm.pending()).toBe(1);
  });

  it('stops the step rather than repeat tools when the model fails after they ran', async () => {
    harness = await openHarness();
    writeFileSync(join(harness.workspace, 'x.txt'), 'x');
    harness.llm.enqueue(PLAN('Edit'), { toolCalls: [{ name: 'edit', args: { path: 'x.txt', search: 'x', replace: 'xx', all: true } }] }, { error: { status: 500 } });
    const task = await harness.create({ goal: 'Edit', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task).toMatchObject({ status: 'failed', error: expect.objectContaining({ message: expect.stringMatching(/stopped answering after tools had run/) }) });
    expect(readFileSync(join(harness.workspace, 'x.txt'), 'utf8')).toBe('xx');
    expect(detail.toolCalls).toHaveLength(1);
    expect(harness.llm.pending()).toBe(0);
  });

  it('waits while any of several calls of one turn waits for approval', async () => {
    harness = await openHarness();
    const h = harness;
    h.llm.enqueue(PLAN('Write two'), { toolCalls: [{ name: 'write', args: { path: 'a.txt', content: 'a' } }, { name: 'write', args: { path: 'b.txt', content: 'b' } }] }, { text: 'Both written.' }, PASS);
    const task = await h.create({ goal: 'Write two', profile: 'ask', model: h.ref('openai-compatible') });
    const waiting = await eventually(() => h.app.tasks.detail(task.id), (d) => d.toolCalls.filter((c) => c.status === 'waiting_approval').length === 2);
    await h.call('approvals.answer', { toolCallId: waiting.toolCalls[0]?.id, decision: 'once' });
    await eventually(() => h.app.tasks.detail(task.id).toolCalls[0]?.status, (s) => s === 'done');
    expect(h.app.tasks.get(task.id).status).toBe('waiting_approval');
    await h.call('approvals.answer', { toolCallId: waiting.toolCalls[1]?.id, decision: 'once' });
    expect((await finish(h, task.id)).task.status).toBe('done');
    expect([readFileSync(join(h.workspace, 'a.txt'), 'utf8'), readFileSync(join(h.workspace, 'b.txt'), 'utf8')]).toEqual(['a', 'b']);
  });

  it('cancels at any point, mid-stream included', async () => {
    harness = await openHarness({ idleTimeoutMs: 60_000 });
    harness.llm.enqueue({ stall: true });
    const task = await harness.create({ goal: 'Stall', profile: 'yes', model: harness.ref('openai-compatible') });
    const h = harness;
    await eventually(() => h.llm.requests.length, (n) => n === 1);
    await h.call('tasks.cancel', { id: task.id });
    const detail = await finish(h, task.id);
    expect(detail.task).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED', message: 'Cancelled by the user.' } });
    expect(detail.modelCalls[0]).toMatchObject({ ok: false });
  });

  it('cancels a task waiting for approval', async () => {
    harness = await openHarness();
    harness.llm.enqueue(PLAN('Write'), { toolCalls: [{ name: 'write', args: { path: 'x.txt', content: 'x' } }] });
    const task = await harness.create({ goal: 'Write', profile: 'ask', model: harness.ref('openai-compatible') });
    const h = harness;
    await eventually(() => h.app.tasks.get(task.id).status, (s) => s === 'waiting_approval');
    expect(await h.call('tasks.list', { active: true })).toMatchObject({ total: 1, tasks: [{ id: task.id }] });
    await h.call('tasks.cancel', { id: task.id });
    const detail = await finish(h, task.id);
    expect(detail.task.status).toBe('cancelled');
    expect(detail.toolCalls[0]?.status).toBe('denied');
    expect(existsSync(join(h.workspace, 'x.txt'))).toBe(false);
    expect(await h.call('tasks.list', { active: true })).toMatchObject({ total: 0 });
  });
});

describe('routing', () => {
  it('retries a rate-limited model, then falls back to the next one, recording each attempt', async () => {
    harness = await openHarness();
    const limited = { model: 'model-a', error: { status: 429 as const, retryAfterSeconds: 0.01 } };
    harness.llm.enqueue(limited, limited, limited, { ...PLAN('Say hi'), model: 'model-b' }, { text: 'hi', model: 'model-a' }, { ...PASS, model: 'model-a' });
    await harness.call('settings.set', {
      key: 'modelRoutes',
      value: { planner: [harness.ref('openai-compatible', 'model-a'), harness.ref('openai-compatible', 'model-b')], executor: [harness.ref('openai-compatible', 'model-a')], reviewer: [harness.ref('anthropic', 'model-a')] },
    });
    const task = await harness.create({ goal: 'Say hi', profile: 'yes' });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('done');
    expect(detail.modelCalls.map((c) => [c.role, c.model, c.ok])).toEqual([
      ['planner', 'model-a', false],
      ['planner', 'model-a', false],
      ['planner', 'model-a', false],
      ['planner', 'model-b', true],
      ['executor', 'model-a', true],
      ['reviewer', 'model-a', true],
    ]);
    expect(detail.modelCalls[0]?.error).toMatch(/429/);
    expect(detail.modelCalls[5]?.provider).toBe('anthropic');
  });

  it('falls back at once on a 500 after retries, and on a stalled stream after the idle timeout', async () => {
    harness = await openHarness({ idleTimeoutMs: 300 });
    harness.llm.enqueue({ model: 'model-a', error: { status: 500 } }, { model: 'model-a', stall: true }, { model: 'model-a', malformed: true }, { ...PLAN('Go'), model: 'model-b' }, { text: 'went', model: 'model-b' }, { ...PASS, model: 'model-b' });
    const routes = [harness.ref('openai-compatible', 'model-a'), harness.ref('openai-compatible', 'model-b')];
    await harness.call('settings.set', { key: 'modelRoutes', value: { planner: routes, executor: [routes[1]], reviewer: [routes[1]] } });
    const task = await harness.create({ goal: 'Go', profile: 'yes' });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('done');
    const planner = detail.modelCalls.filter((c) => c.role === 'planner');
    expect(planner.map((c) => c.ok)).toEqual([false, false, false, true]);
    expect(planner[1]?.error).toMatch(/no answer for/);
  });

  it('fails with every reason when no model answers, and skips models that cannot call tools', async () => {
    harness = await openHarness();
    harness.llm.enqueue(PLAN('Go'));
    const planner = [harness.ref('openai-compatible', 'model-a')];
    await harness.call('settings.set', { key: 'modelRoutes', value: { planner, executor: [{ provider: 'openai-compatible', model: 'gemma2:2b', baseUrl: harness.llm.baseUrl }, { provider: 'openai', model: 'gpt-4.1' }], reviewer: planner } });
    const task = await harness.create({ goal: 'Go', profile: 'yes' });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('failed');
    expect(detail.task.error?.message).toMatch(/No executor model could answer/);
    expect(detail.task.error?.message).toMatch(/gemma2:2b cannot call tools/);
    expect(detail.task.error?.message).toMatch(/No API key for openai/);
  });

  it('asks for a model when none is set', async () => {
    harness = await openHarness();
    const task = await harness.create({ goal: 'Go', profile: 'yes' });
    const detail = await finish(harness, task.id);
    expect(detail.task.status).toBe('failed');
    expect(detail.task.error?.message).toMatch(/No model is set for the planner/);
  });
});

describe('restart', () => {
  it('marks a task interrupted when the app stops mid-task, keeps its history, and resumes it', async () => {
    const first = await openHarness({ idleTimeoutMs: 60_000 });
    first.llm.enqueue(PLAN('One', 'Two'), { text: 'one done' }, { stall: true });
    const task = await first.create({ goal: 'Two steps', profile: 'yes', model: first.ref('openai-compatible') });
    await eventually(() => first.llm.requests.length, (n) => n === 3);
    await first.app.close();

    harness = await openHarness({ home: first.home, llm: first.llm });
    const h = harness;
    expect(h.app.recoverInterruptedTasks()).toBe(0); // stopped cleanly: already interrupted
    const stopped = h.app.tasks.detail(task.id);
    expect(stopped.task.status).toBe('interrupted');
    expect(stopped.steps.map((s) => s.status)).toEqual(['done', 'failed']);
    expect(stopped.messages.map((m) => m.role)).toEqual(['user', 'planner', 'executor']);

    h.llm.enqueue({ text: 'two done' }, PASS);
    await h.call('tasks.resume', { id: task.id });
    const detail = await finish(h, task.id);
    expect(detail.task.status).toBe('done');
    expect(detail.steps.map((s) => s.status)).toEqual(['done', 'done']);
    await first.llm.close();
  });
});
