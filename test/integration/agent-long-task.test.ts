import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contextWindow } from '../../src/core/providers/capabilities';
import { MODEL_OUTPUT_CHARS, outputForModel, readOutputTool } from '../../src/core/agent/tool-output';
import type { TaskDetail } from '../../src/shared/tasks';
import { openHarness, type Harness } from '../support/agent-harness';

const PLAN = { text: JSON.stringify({ steps: [{ title: 'Read the notes', detail: 'Read a.txt, b.txt and c.txt.' }] }) };
const PASS = { text: '{"verdict":"pass","reasons":[]}' };
const WINDOW = contextWindow({ provider: 'openai-compatible', model: 'gpt-3.5-turbo' });
const read = (path: string) => ({ toolCalls: [{ name: 'read', args: { path } }] });

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const finish = (h: Harness, id: string): Promise<TaskDetail> => h.finish(id);

describe('a long step keeps to its model’s context window', () => {
  it('summarizes older turns before the window fills, and goes on with the summary', async () => {
    harness = await openHarness();
    // gpt-3.5 is planned with a 16k-token window (~64k characters), summarized from 60 % of it. The files are
    // sized from what every executor call carries anyway (the prompt and the offered tools' schemas): the
    // first file fits beside it, the second does not, whatever tools are registered.
    const fixedChars = JSON.stringify(harness.app.tools.list()).length + 4_000;
    const fileChars = Math.round((0.6 * WINDOW * 4 - fixedChars) * 0.75);
    for (const name of ['a', 'b', 'c']) writeFileSync(join(harness.workspace, `${name}.txt`), `${name}-marker ${name.repeat(fileChars)}`);
    harness.llm.enqueue(PLAN, read('a.txt'), read('b.txt'), { text: 'SUMMARY: a.txt holds the a-marker and a run of a.' }, read('c.txt'), { text: 'SUMMARY: a, b and c read.' }, { text: 'Read all three.' }, PASS);
    const task = await harness.create({ goal: 'Read the notes', profile: 'yes', model: harness.ref('openai-compatible', 'gpt-3.5-turbo') });
    const detail = await finish(harness, task.id);
    expect(detail.task).toMatchObject({ status: 'done', error: null });
    expect(harness.llm.pending()).toBe(0);

    const bodies = harness.llm.requests.map((r) => JSON.stringify(r.body));
    const summarizer = bodies.map((b, i) => [b, i] as const).filter(([b]) => b.includes('compress an agent'));
    expect(summarizer).toHaveLength(2);
    // The first summary folds in a.txt's turn; the call after it carries the summary, not the file.
    const [first] = summarizer;
    expect(first?.[0]).toContain('a-marker');
    const after = bodies[(first?.[1] ?? 0) + 1] ?? '';
    expect(after).toContain('SUMMARY: a.txt holds the a-marker');
    expect(after).not.toContain('aaaaaaaaaa');
    expect(after).toContain('b-marker');
    // Every executor call stayed well inside the window; the summaries are on record as model calls.
    for (const body of bodies.filter((b) => b.includes('You are the executor'))) expect(body.length / 4).toBeLessThan(WINDOW);
    expect(detail.modelCalls.filter((c) => c.role === 'executor')).toHaveLength(3); // two summaries, then the step's own turn
  });
});

describe('large tool outputs are stored once and referenced', () => {
  it('shows the model the head with a reference, and read_output pages through the stored whole', async () => {
    harness = await openHarness();
    const task = await harness.create({ goal: 'x', profile: 'yes', model: harness.ref('openai-compatible') });
    const output = { content: 'z'.repeat(MODEL_OUTPUT_CHARS * 2) };
    const callId = '6c1f3c9e-2b1a-4f7e-9d1e-0a2b3c4d5e6f';
    harness.app.tasks.saveToolCall({ id: callId, taskId: task.id, stepId: null, name: 'read', input: {}, output, status: 'done', risk: 'read', error: null, durationMs: 1, createdAt: new Date().toISOString() });

    const shown = outputForModel(callId, output) as { truncated: boolean; head: string; note: string; totalChars: number };
    expect(shown).toMatchObject({ truncated: true, totalChars: JSON.stringify(output).length });
    expect(shown.head).toHaveLength(MODEL_OUTPUT_CHARS);
    expect(shown.note).toContain(callId);
    expect(outputForModel(callId, { content: 'small' })).toEqual({ content: 'small' });

    const runFor = (taskId: string) => (input: unknown) => (readOutputTool(harness!.app.tasks, taskId).execute as (input: unknown, options: unknown) => Promise<unknown>)(input, { toolCallId: 't', messages: [] });
    const run = runFor(task.id);
    const page = (await run({ callId, offset: MODEL_OUTPUT_CHARS })) as { text: string; more: string };
    expect(page.text).toBe(JSON.stringify(output).slice(MODEL_OUTPUT_CHARS, MODEL_OUTPUT_CHARS * 2));
    expect(page.more).toMatch(/Next offset/);
    const other = await harness.create({ goal: 'y', profile: 'yes', model: harness.ref('openai-compatible') });
    expect(await runFor(other.id)({ callId, offset: 0 })).toEqual({ error: 'No tool call of this task has that id.' });
  });
});
