import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ModelRef } from '../../src/shared/providers';
import { openHarness, type Harness } from '../support/agent-harness';
import { decodePng } from '../support/png';
import { startXvfb, type VirtualDisplay } from '../support/xvfb';

jest.setTimeout(60_000);

// A task takes a screenshot of a real (virtual) display; the scripted LLM server records what each
// provider's wire format carried back to the model.
const PLAN = { text: JSON.stringify({ steps: [{ title: 'Look at the screen', detail: 'Take a screenshot and say what is on it.' }] }) };
const SCREENSHOT = { toolCalls: [{ name: 'computer_screenshot', args: {} }] };
const SAW = { text: 'The screen is black.' };
const PASS = { text: '{"verdict":"pass","reasons":[]}' };
const PNG_BASE64 = 'iVBORw0KGgo';

let x: VirtualDisplay;
let harness: Harness | undefined;
beforeAll(async () => {
  x = await startXvfb({ width: 640, height: 480 });
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});
afterAll(async () => {
  await x?.close();
});

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** The images in one request, where each wire format puts an image a tool returned. */
const imagesIn: Record<'anthropic' | 'openai' | 'google', (body: Json) => string[]> = {
  // tool_result blocks holding image blocks.
  anthropic: (body) =>
    list(body.messages)
      .flatMap((m) => list(m.content))
      .filter((block) => block.type === 'tool_result')
      .flatMap((block) => list(block.content))
      .filter((block) => block.type === 'image')
      .map((block) => String((block.source as Json).data)),
  // A user message with an image_url data URL, after the tool messages.
  openai: (body) =>
    list(body.messages)
      .filter((m) => m.role === 'user')
      .flatMap((m) => list(m.content))
      .filter((part) => part.type === 'image_url')
      .map((part) => String((part.image_url as Json).url).replace(/^data:image\/png;base64,/, '')),
  // Inline data in (or right after) the function response.
  google: (body) =>
    list(body.contents)
      .flatMap((content) => list(content.parts))
      .flatMap((part) => [part, ...list((part.functionResponse as Json | undefined)?.parts)])
      .filter((part) => part.inlineData)
      .map((part) => String((part.inlineData as Json).data)),
};

async function runScreenshotTask(model: (h: Harness) => ModelRef) {
  harness = await openHarness();
  const h = harness;
  await h.call('settings.set', { key: 'computerDisplay', value: x.display });
  h.llm.enqueue(PLAN, SCREENSHOT, SAW, PASS);
  const task = await h.create({ goal: 'Say what is on the screen', profile: 'yes', model: model(h) });
  const detail = await h.finish(task.id);
  expect(detail.task).toMatchObject({ status: 'done' });
  expect(detail.toolCalls).toEqual([expect.objectContaining({ name: 'computer_screenshot', status: 'done', output: expect.objectContaining({ mimeType: 'image/png', width: 640, height: 480 }) })]);
  // Planner, executor (calls the tool), executor (reads its result), reviewer.
  expect(h.llm.requests.filter((r) => r.method === 'POST')).toHaveLength(4);
  return { detail, bodies: h.llm.requests.filter((r) => r.method === 'POST').map((r) => r.body as Json) };
}

describe.each([
  ['anthropic', 'claude-sonnet-4-5'],
  ['openai', 'gpt-4o'],
  ['google', 'gemini-2.5-flash'],
] as const)('a vision model over the %s wire format', (provider, name) => {
  it('receives the screenshot as an image part, in the request after the tool ran', async () => {
    const { detail, bodies } = await runScreenshotTask((h) => h.ref(provider, name));
    const [planner, first, second, reviewer] = bodies.map(imagesIn[provider]);
    expect([planner, first, reviewer]).toEqual([[], [], []]);
    expect(second).toHaveLength(1);
    const png = decodePng(Buffer.from(second![0]!, 'base64'));
    expect(png).toMatchObject({ width: 640, height: 480 });
    // What is stored, and what the task page shows, is the path: never the bytes.
    expect(JSON.stringify(detail)).not.toContain(PNG_BASE64);
    expect(detail.messages.some((m) => m.role === 'system' && m.content.includes('cannot see images'))).toBe(false);
  });
});

describe('a text-only model', () => {
  it('gets the screenshot’s path and size only, and the task says so', async () => {
    const { detail, bodies } = await runScreenshotTask((h) => h.ref('openai-compatible', 'model-a'));
    for (const body of bodies) expect(JSON.stringify(body)).not.toContain(PNG_BASE64);
    const toolMessage = list(bodies[2]!.messages).find((m) => m.role === 'tool');
    const path = (detail.toolCalls[0]!.output as { path: string }).path;
    expect(String(toolMessage?.content)).toContain(JSON.stringify(path).slice(1, -1));
    expect(String(toolMessage?.content)).toContain('cannot see images');
    expect(detail.messages).toContainEqual(expect.objectContaining({ role: 'system', content: expect.stringContaining('model-a cannot see images') }));
  });
});
