import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskDetail } from '../../src/shared/tasks';
import { openHarness, type Harness } from '../support/agent-harness';

// Served models that answer JSON only when the API asks for it (response_format json_schema, Anthropic's
// output format or forced tool, Gemini's response schema), and prose otherwise.
const FENCED_DETAIL = 'Run this:\n```sh\nprintf "Hello, Aura\\n" > hello.txt\n```\nthen check it with ```cat hello.txt```.';
const PLAN = { structured: { steps: [{ title: 'Write hello.txt', detail: FENCED_DETAIL }] } };
const PASS = { structured: { verdict: 'pass', reasons: [] } };
const WRITE = { toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'Hello, Aura\n' } }] };

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const finish = (h: Harness, id: string): Promise<TaskDetail> => h.finish(id);

const structuredAsk = (body: unknown) => {
  const json = JSON.stringify(body);
  return /"response_format":\{"type":"json_schema"|"output_config"|"responseSchema"|"name":"json"/.test(json);
};

describe.each(['openai-compatible', 'openai', 'anthropic', 'google'] as const)('a %s server that answers JSON only through structured output', (provider) => {
  it('completes a task whose plan text holds code fences', async () => {
    harness = await openHarness();
    harness.llm.enqueue(PLAN, WRITE, { text: 'Wrote hello.txt.' }, PASS);
    const task = await harness.create({ goal: 'Create hello.txt containing Hello, Aura', profile: 'yes', model: harness.ref(provider) });
    const detail = await finish(harness, task.id);

    expect(detail.task).toMatchObject({ status: 'done', error: null });
    expect(detail.steps).toEqual([expect.objectContaining({ title: 'Write hello.txt', detail: FENCED_DETAIL, status: 'done' })]);
    expect(readFileSync(join(harness.workspace, 'hello.txt'), 'utf8')).toBe('Hello, Aura\n');
    expect(detail.modelCalls.map((c) => [c.role, c.ok, c.finishReason])).toEqual([
      ['planner', true, 'stop'],
      ['executor', true, 'stop'],
      ['reviewer', true, 'stop'],
    ]);
    // The planner and the reviewer asked natively; the executor's tool loop did not.
    const asked = harness.llm.requests.map((r) => structuredAsk(r.body));
    expect(asked).toEqual([true, false, false, true]);
  });
});

describe('structured output fallbacks', () => {
  it('asks in the prompt when the server refuses response_format, and repairs a reply once', async () => {
    harness = await openHarness();
    harness.llm.enqueue(
      { error: { status: 400, message: "Unsupported parameter: 'response_format' of type json_schema is not supported with this model." } },
      // Asked in the prompt, the model first ignores the format, then follows it once shown the problem.
      { text: 'Sure! I will write the file and then check it.' },
      { text: `Here is the plan:\n\`\`\`json\n${JSON.stringify(PLAN.structured)}\n\`\`\`\nGood luck!` },
      WRITE,
      { text: 'Wrote hello.txt.' },
      { text: '{"verdict":"pass","reasons":[]}' },
    );
    const task = await harness.create({ goal: 'Create hello.txt', profile: 'yes', model: harness.ref('openai-compatible', 'model-b') });
    const detail = await finish(harness, task.id);

    expect(detail.task.status).toBe('done');
    expect(detail.steps[0]?.detail).toBe(FENCED_DETAIL);
    const planner = detail.modelCalls.filter((c) => c.role === 'planner');
    expect(planner.map((c) => [c.ok, c.errorCode])).toEqual([
      [false, 'PROVIDER_ERROR'],
      [false, 'MODEL_OUTPUT_INVALID'],
      [true, null],
    ]);
    expect(planner[1]?.rawReply).toBe('Sure! I will write the file and then check it.');
    // After the refusal, this server is asked in the prompt only: the reviewer too.
    expect(harness.llm.requests.map((r) => structuredAsk(r.body))).toEqual([true, false, false, false, false, false]);
    expect(JSON.stringify(harness.llm.requests[2]?.body)).toContain('not valid JSON');
  });

  it('fails honestly when a structured answer is cut at the output limit', async () => {
    harness = await openHarness();
    harness.llm.enqueue({ structured: { steps: [{ title: 'Half' }] }, finishReason: 'length' });
    const task = await harness.create({ goal: 'Anything', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task).toMatchObject({ status: 'failed', error: { code: 'MODEL_STOPPED' } });
    expect(detail.steps).toEqual([]);
    expect(detail.modelCalls).toEqual([expect.objectContaining({ ok: false, errorCode: 'MODEL_STOPPED', finishReason: 'length', rawReply: '{"steps":[{"title":"Half"}]}' })]);
  });
});

describe('steps that did not finish are never done', () => {
  it.each([
    ['length', 'the model reached its output limit'],
    ['content_filter', 'content filter'],
  ] as const)('a %s stop leaves the step needing attention', async (finishReason, words) => {
    harness = await openHarness();
    harness.llm.enqueue(PLAN, { text: 'I wrote half of the', finishReason }, PASS);
    const task = await harness.create({ goal: 'Write', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task).toMatchObject({ status: 'failed', error: { code: 'MODEL_STOPPED', message: expect.stringContaining(words) } });
    expect(detail.steps[0]?.status).toBe('needs_attention');
    expect(detail.modelCalls.at(-1)).toMatchObject({ role: 'executor', ok: false, errorCode: 'MODEL_STOPPED', rawReply: 'I wrote half of the' });
    expect(harness.llm.pending()).toBe(1); // the reviewer was never asked
  });

  it('stops a step whose tool keeps failing the same way', async () => {
    harness = await openHarness();
    const readMissing = { toolCalls: [{ name: 'read', args: { path: 'missing.txt' } }] };
    harness.llm.enqueue(PLAN, readMissing, readMissing, readMissing, readMissing, PASS);
    const task = await harness.create({ goal: 'Read', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await finish(harness, task.id);
    expect(detail.task).toMatchObject({ status: 'failed', error: { code: 'TOOL_FAILED' } });
    expect(detail.steps[0]?.status).toBe('needs_attention');
    expect(detail.toolCalls.map((c) => c.status)).toEqual(['failed', 'failed', 'failed']);
  });
});
