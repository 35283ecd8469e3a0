// The scripted LLM server, driven by the real `ai` SDK providers: if they parse it, the app's providers will.
import { describe, expect, it } from '@jest/globals';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, generateText, stepCountIs, streamText, tool, type LanguageModel, type TextStreamPart, type ToolSet } from 'ai';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { loadScript, type RecordedRequest, type ScriptedLlm } from '../support/llm-server';
import { scriptedLlmsClosedAfterEach } from '../support/llm-server/per-test';

const REPO_ROOT = join(__dirname, '..', '..');
// Unknown model names make the anthropic provider warn about its max-token default on every call.
globalThis.AI_SDK_LOG_WARNINGS = false;
const start = scriptedLlmsClosedAfterEach();

/** Every part of a streamed call, errors included (streamText reports them as parts, not rejections). */
async function drain<T extends ToolSet>(result: { fullStream: AsyncIterable<TextStreamPart<T>> }): Promise<TextStreamPart<T>[]> {
  const parts: TextStreamPart<T>[] = [];
  for await (const part of result.fullStream) parts.push(part);
  return parts;
}

const errorsOf = <T extends ToolSet>(parts: TextStreamPart<T>[]) => parts.flatMap((p) => (p.type === 'error' ? [p.error] : []));
const quiet = { onError: () => undefined, maxRetries: 0 };

interface Format {
  modelOf: (llm: ScriptedLlm, model: string) => LanguageModel;
  /** The path a call for `model` goes to. */
  pathOf: (model: string, stream: boolean) => string;
  /** Whether the recorded request asked for a stream. */
  streamed: (request: RecordedRequest) => boolean;
  /** Tool calls carry ids on the wire (Gemini's do not: results go back by function name). */
  wireIds: boolean;
}
const streamInBody = (request: RecordedRequest) => (request.body as { stream?: boolean }).stream === true;
const FORMATS: [string, Format][] = [
  [
    'openai-compatible chat completions',
    { modelOf: (llm, model) => createOpenAICompatible({ name: 'test', baseURL: llm.baseUrl, includeUsage: true }).chatModel(model), pathOf: () => '/v1/chat/completions', streamed: streamInBody, wireIds: true },
  ],
  // The official OpenAI provider validates more strictly (choices[].index, tool_calls[].type).
  ['openai chat completions', { modelOf: (llm, model) => createOpenAI({ baseURL: llm.baseUrl, apiKey: 'test' }).chat(model), pathOf: () => '/v1/chat/completions', streamed: streamInBody, wireIds: true }],
  ['anthropic messages', { modelOf: (llm, model) => createAnthropic({ baseURL: llm.baseUrl, apiKey: 'test' })(model), pathOf: () => '/v1/messages', streamed: streamInBody, wireIds: true }],
  [
    'gemini generateContent',
    {
      modelOf: (llm, model) => createGoogleGenerativeAI({ baseURL: llm.baseUrl, apiKey: 'test' })(model),
      pathOf: (model, stream) => `/v1/models/${model}:${stream ? 'streamGenerateContent' : 'generateContent'}`,
      streamed: (request) => request.path.endsWith(':streamGenerateContent'),
      wireIds: false,
    },
  ],
];

describe.each(FORMATS)('%s', (_name, { modelOf, pathOf, streamed, wireIds }) => {
  it('streams text as several deltas and reports the scripted usage', async () => {
    const text = 'Hello from the scripted model, streamed in pieces.';
    const llm = await start({ turns: [{ text, chunkSize: 8, usage: { input: 11, output: 7 } }] });
    const result = streamText({ model: modelOf(llm, 'm1'), prompt: 'Say hello', ...quiet });
    const parts = await drain(result);
    const deltas = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : []));
    expect(errorsOf(parts)).toEqual([]);
    expect(deltas.length).toBe(Math.ceil(text.length / 8));
    expect(deltas.join('')).toBe(text);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect([usage.inputTokens, usage.outputTokens, usage.totalTokens]).toEqual([11, 7, 18]);
    expect(llm.requests).toEqual([expect.objectContaining({ method: 'POST', path: pathOf('m1', true), model: 'm1' })]);
    expect(llm.requests.map(streamed)).toEqual([true]);
    expect(llm.pending()).toBe(0);
  });

  it('estimates usage when the turn does not script it', async () => {
    const llm = await start({ turns: [{ text: 'twelve chars' }] });
    const result = await generateText({ model: modelOf(llm, 'm1'), prompt: 'x'.repeat(400), maxRetries: 0 });
    expect(result.usage.outputTokens).toBe(3);
    expect(result.usage.inputTokens).toBeGreaterThanOrEqual(100);
    expect(result.usage.inputTokens).toBeLessThan(120);
  });

  it('calls a tool with the parsed arguments, then returns the follow-up text', async () => {
    const llm = await start();
    llm.enqueue({ toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'Hello, Aura\n' } }], chunkSize: 5 }, { text: 'Done: wrote hello.txt.' });
    const calls: unknown[] = [];
    const write = tool({
      description: 'Write a file',
      inputSchema: z.object({ path: z.string(), content: z.string() }),
      execute: async (args) => {
        calls.push(args);
        return 'ok';
      },
    });
    const result = streamText({ model: modelOf(llm, 'm1'), prompt: 'Create hello.txt', tools: { write }, stopWhen: stepCountIs(2), ...quiet });
    const parts = await drain(result);
    expect(errorsOf(parts)).toEqual([]);
    expect(calls).toEqual([{ path: 'hello.txt', content: 'Hello, Aura\n' }]);
    expect(await result.text).toBe('Done: wrote hello.txt.');
    const steps = await result.steps;
    expect(steps[0]?.finishReason).toBe('tool-calls');
    // The second call carries the tool result back, under the id the server generated where the wire has ids.
    const second = JSON.stringify(llm.requests[1]?.body);
    expect(second).toContain('ok');
    if (wireIds) {
      expect(steps[0]?.toolCalls[0]?.toolCallId).toMatch(/^(call|toolu)_1$/);
      expect(second).toContain(steps[0]?.toolCalls[0]?.toolCallId);
    } else expect(second).toContain('"functionResponse"');
  });

  it('answers without streaming, tool calls included', async () => {
    const llm = await start({ turns: [{ toolCalls: [{ name: 'read', args: { path: 'a.txt' } }], text: 'Reading.' }, { text: 'It says hi.', usage: { input: 5, output: 3 } }] });
    const read = tool({ inputSchema: z.object({ path: z.string() }), execute: async ({ path: file }) => `contents of ${file}: hi` });
    const result = await generateText({ model: modelOf(llm, 'm1'), prompt: 'What is in a.txt?', tools: { read }, stopWhen: stepCountIs(2), maxRetries: 0 });
    expect(result.steps[0]?.text).toBe('Reading.');
    expect(result.steps[0]?.toolCalls.map((c) => [c.toolName, c.input])).toEqual([['read', { path: 'a.txt' }]]);
    expect(result.text).toBe('It says hi.');
    expect([result.usage.inputTokens, result.usage.outputTokens]).toEqual([5, 3]);
    expect(llm.requests.map(streamed)).toEqual([false, false]);
    expect(llm.requests.map((r) => r.path)).toEqual([pathOf('m1', false), pathOf('m1', false)]);
  });

  it('fails with the scripted status, message and retry-after', async () => {
    const llm = await start({ turns: [{ error: { status: 429, message: 'slow down', retryAfterSeconds: 2 } }, { error: { status: 500 } }] });
    const error = await generateText({ model: modelOf(llm, 'm1'), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, message: 'slow down', isRetryable: true, responseHeaders: expect.objectContaining({ 'retry-after': '2' }) });
    const errors = errorsOf(await drain(streamText({ model: modelOf(llm, 'm1'), prompt: 'hi', ...quiet })));
    expect(errors).toEqual([expect.objectContaining({ statusCode: 500 })]);
  });

  it('surfaces a malformed stream and a malformed body as errors', async () => {
    const llm = await start({ turns: [{ malformed: true }, { malformed: true }] });
    const errors = errorsOf(await drain(streamText({ model: modelOf(llm, 'm1'), prompt: 'hi', ...quiet })));
    expect(errors.length).toBeGreaterThan(0);
    await expect(generateText({ model: modelOf(llm, 'm1'), prompt: 'hi', maxRetries: 0 })).rejects.toThrow();
  });

  it('stalls until the client aborts, and still closes promptly', async () => {
    const llm = await start({ turns: [{ stall: true }, { stall: true }] });
    const streamed = streamText({ model: modelOf(llm, 'm1'), prompt: 'hi', abortSignal: AbortSignal.timeout(300), ...quiet });
    const parts = await drain(streamed);
    expect(parts.map((p) => p.type)).toEqual(['start', 'abort']);
    await expect(streamed.text).rejects.toThrow();
    // The second stall is left hanging: close() must cut it off rather than wait for it.
    const hanging = generateText({ model: modelOf(llm, 'm1'), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    await waitFor(() => llm.requests.length === 2);
    const started = Date.now();
    await llm.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hanging).toBeInstanceOf(Error);
  });

  it('rejects generateText aborted while stalled', async () => {
    const llm = await start({ turns: [{ stall: true }] });
    await expect(generateText({ model: modelOf(llm, 'm1'), prompt: 'hi', abortSignal: AbortSignal.timeout(300), maxRetries: 0 })).rejects.toThrow();
  });

  it('serves model-tagged turns only to that model, untagged turns to any', async () => {
    const llm = await start({ turns: [{ model: 'model-a', error: { status: 429 } }, { text: 'anyone' }, { model: 'model-b', text: 'from B' }] });
    const a = await generateText({ model: modelOf(llm, 'model-a'), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(a).toMatchObject({ statusCode: 429 });
    expect((await generateText({ model: modelOf(llm, 'model-b'), prompt: 'hi', maxRetries: 0 })).text).toBe('anyone');
    expect((await generateText({ model: modelOf(llm, 'model-b'), prompt: 'hi', maxRetries: 0 })).text).toBe('from B');
    expect(llm.requests.map((r) => r.model)).toEqual(['model-a', 'model-b', 'model-b']);
  });

  it('fails loudly with "script exhausted" when a call was not scripted', async () => {
    const llm = await start({ turns: [{ model: 'other', text: 'not for you' }] });
    const error = await generateText({ model: modelOf(llm, 'm1'), prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 500, message: expect.stringContaining('script exhausted') });
    expect(llm.pending()).toBe(1);
  });
});

describe('scripted LLM server', () => {
  it('splits tool arguments over several chunks on both wire formats', async () => {
    const llm = await start({ turns: [{ toolCalls: [{ name: 'write', args: { path: 'hello.txt' } }] }, { toolCalls: [{ name: 'write', args: { path: 'hello.txt' } }] }] });
    const raw = async (path: string) => {
      const res = await fetch(`${llm.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k' }, body: JSON.stringify({ model: 'm', stream: true, messages: [] }) });
      return res.text();
    };
    const openai = await raw('/chat/completions');
    expect(openai.match(/"arguments":"[^"]/g)?.length).toBeGreaterThan(1);
    expect(openai).toContain('"finish_reason":"tool_calls"');
    expect(openai.endsWith('data: [DONE]\n\n')).toBe(true);
    const anthropic = await raw('/messages');
    expect(anthropic.match(/"partial_json":"[^"]/g)?.length).toBeGreaterThan(1);
    expect(anthropic.match(/^event: (\w+)$/gm)?.filter((e, i, all) => e !== all[i - 1])).toEqual(
      ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'].map((e) => `event: ${e}`),
    );
  });

  it('lists the configured models', async () => {
    const llm = await start({ models: ['alpha', 'beta'] });
    const res = await fetch(`${llm.baseUrl}/models`);
    expect(await res.json()).toEqual({ object: 'list', data: [expect.objectContaining({ id: 'alpha', object: 'model' }), expect.objectContaining({ id: 'beta', object: 'model' })] });
  });

  it('is scripted and inspected over HTTP by another process', async () => {
    const llm = await start();
    const control = llm.baseUrl.replace(/\/v1$/, '');
    const post = (body: string, type = 'application/json') => fetch(`${control}/__script`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post(JSON.stringify({ turns: [{ txt: 'typo' }] }))).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ turns: [] }), 'text/plain')).status).toBe(400);
    const ok = await post(JSON.stringify({ turns: [{ text: 'scripted remotely' }] }));
    expect(await ok.json()).toEqual({ pending: 1 });
    const model = createOpenAICompatible({ name: 'test', baseURL: llm.baseUrl }).chatModel('remote');
    expect((await generateText({ model, prompt: 'hi', maxRetries: 0 })).text).toBe('scripted remotely');
    const recorded = (await (await fetch(`${control}/__requests`)).json()) as { path: string; model: string }[];
    expect(recorded.map((r) => [r.path, r.model])).toEqual([['/v1/chat/completions', 'remote']]);
    await post(JSON.stringify({ turns: [{ text: 'left over' }, { text: 'and this' }] }));
    expect(await (await fetch(`${control}/__script`, { method: 'DELETE' })).json()).toEqual({ dropped: 2 });
    expect(llm.pending()).toBe(0);
  });

  it('loads and validates fixtures', () => {
    const turns = loadScript('write-file-task');
    expect(turns).toHaveLength(6);
    expect(turns[1]).toEqual({ toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'Hello, Aura\n' } }] });
    expect(() => loadScript('no-such-script')).toThrow();
  });

  it('runs as a separate process that prints its URL', async () => {
    const script = join(REPO_ROOT, 'test', 'fixtures', 'llm', 'write-file-task.json');
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['test/support/llm-server/main.ts', '--port', '0', '--script', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /LLM_URL=(\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const model = createAnthropic({ baseURL: url, apiKey: 'test' })('planner');
      const plan = await generateText({ model, prompt: 'Create hello.txt containing Hello, Aura', maxRetries: 0 });
      expect(JSON.parse(plan.text)).toMatchObject({ steps: [{ title: 'Write hello.txt' }, { title: 'Check the file' }] });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 20_000);
});

async function waitFor(accept: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!accept() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
