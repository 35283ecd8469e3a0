import { describe, expect, it } from '@jest/globals';
import { AuraError } from '../../../shared/errors';
import type { CallOptions, StreamPart } from '../../../shared/language-model-v3';
import type { ModelStreamPart } from '../../../shared/model-worker';
import { LocalGgufLanguageModel, type ModelWorker } from './gguf-language-model';

// The model worker replaced by a scripted stand-in: these tests cover what the host sends it and what it
// makes of the parts that come back. src/workers/model/generate.test.ts covers the worker's side, and
// test/integration/local-gguf.test.ts runs both for real.

type Sent = { method: string; params: unknown; signal: AbortSignal | undefined };
type Script = (onPart: (part: ModelStreamPart) => void, signal: AbortSignal | undefined) => Promise<null>;

function fakeWorker(script: Script) {
  const sent: Sent[] = [];
  const call = async (method: string, params: unknown, options: { signal?: AbortSignal; onProgress?: (part: ModelStreamPart) => void } = {}) => {
    sent.push({ method, params, signal: options.signal });
    return script((part) => options.onProgress?.(part), options.signal);
  };
  // The one method there is, without the generic signature of the real client.
  const worker = { call } as ModelWorker;
  return { worker, sent };
}

const usage = { inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 9, text: 7, reasoning: 2 } };
/** What the worker reports for a reply with a thought, an answer and a tool call. */
const thinkAnswerCall: ModelStreamPart[] = [
  { type: 'stream-start', warnings: [{ type: 'unsupported', feature: 'toolChoice required' }] },
  { type: 'reasoning-start', id: 'reasoning-0' },
  { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Hmm' },
  { type: 'reasoning-end', id: 'reasoning-0' },
  { type: 'text-start', id: 'text-1' },
  { type: 'text-delta', id: 'text-1', delta: 'Let me ' },
  { type: 'text-delta', id: 'text-1', delta: 'check.' },
  { type: 'text-end', id: 'text-1' },
  { type: 'tool-input-start', id: 'call-1', toolName: 'read' },
  { type: 'tool-input-delta', id: 'call-1', delta: '{"path":"a"}' },
  { type: 'tool-input-end', id: 'call-1' },
  { type: 'tool-call', toolCallId: 'call-1', toolName: 'read', input: '{"path":"a"}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'functionCalls' }, usage },
];
const replay =
  (parts: ModelStreamPart[]): Script =>
  async (onPart) => {
    for (const part of parts) onPart(part);
    return null;
  };

const tools: CallOptions['tools'] = [{ type: 'function', name: 'read', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }, providerOptions: { x: { y: 1 } } }];
const prompt: CallOptions['prompt'] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'Read a' }, { type: 'file', mediaType: 'image/png', filename: 'a.png', data: new Uint8Array(1024) }] },
];

async function readAll(stream: ReadableStream<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for (const reader = stream.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

describe('LocalGgufLanguageModel', () => {
  it('names itself after the file', () => {
    const model = new LocalGgufLanguageModel('/models/qwen3-0.6b.gguf', null, fakeWorker(replay([])).worker);
    expect(model).toMatchObject({ specificationVersion: 'v3', provider: 'local-gguf', modelId: 'qwen3-0.6b.gguf', supportedUrls: {} });
  });

  it('sends the worker the file, the library folder and the options as plain data, without file bytes, headers or the signal', async () => {
    const { worker, sent } = fakeWorker(replay(thinkAnswerCall));
    const abort = new AbortController();
    await new LocalGgufLanguageModel('/models/a.gguf', '/opt/llama', worker).doGenerate({ prompt, tools, maxOutputTokens: 64, temperature: 0.2, headers: { 'x-key': 'secret' }, abortSignal: abort.signal });
    expect(sent).toEqual([
      {
        method: 'generate',
        params: {
          modelPath: '/models/a.gguf',
          libraryDir: '/opt/llama',
          options: {
            prompt: [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: [{ type: 'text', text: 'Read a' }, { type: 'file', mediaType: 'image/png', filename: 'a.png', data: '' }] },
            ],
            maxOutputTokens: 64,
            temperature: 0.2,
            tools: [{ type: 'function', name: 'read', description: 'Reads a file', inputSchema: tools[0]!.type === 'function' ? tools[0]!.inputSchema : {} }],
          },
        },
        signal: abort.signal,
      },
    ]);
  });

  it('streams the worker’s parts with the response metadata after stream-start', async () => {
    const model = new LocalGgufLanguageModel('/models/a.gguf', null, fakeWorker(replay(thinkAnswerCall)).worker);
    const parts = await readAll((await model.doStream({ prompt, tools })).stream);
    expect(parts.map((p) => p.type)).toEqual(['stream-start', 'response-metadata', ...thinkAnswerCall.slice(1).map((p) => p.type)]);
    expect(parts[1]).toEqual({ type: 'response-metadata', modelId: 'a.gguf', timestamp: expect.any(Date) });
    expect(parts.at(-1)).toEqual(thinkAnswerCall.at(-1));
  });

  it('generates the same reply as content, with the warnings of stream-start', async () => {
    const result = await new LocalGgufLanguageModel('/models/b.gguf', null, fakeWorker(replay(thinkAnswerCall)).worker).doGenerate({ prompt, tools });
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Hmm' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', toolCallId: 'call-1', toolName: 'read', input: '{"path":"a"}' },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'functionCalls' });
    expect(result.usage).toEqual(usage);
    expect(result.warnings).toEqual([{ type: 'unsupported', feature: 'toolChoice required' }]);
    expect(result.response).toMatchObject({ modelId: 'b.gguf' });
  });

  it('fails the call itself when the worker fails before the stream starts (a missing library, a broken file)', async () => {
    const failure = new AuraError('BAD_REQUEST', 'Local GGUF models need node-llama-cpp, which is not installed.', 'Run `npm run local-llm:install`');
    const model = new LocalGgufLanguageModel('/models/c.gguf', null, fakeWorker(() => Promise.reject(failure)).worker);
    await expect(model.doStream({ prompt })).rejects.toBe(failure);
  });

  it('fails the stream when the worker fails after it started; an unexpected failure becomes a plain error the router may retry', async () => {
    const model = new LocalGgufLanguageModel(
      '/models/c.gguf',
      null,
      fakeWorker(async (onPart) => {
        onPart(thinkAnswerCall[0]!);
        throw new AuraError('INTERNAL', 'context overflow');
      }).worker,
    );
    const failure = await readAll((await model.doStream({ prompt })).stream).catch((err: unknown) => err);
    expect(failure).toEqual(new Error('context overflow'));
    expect(failure).not.toBeInstanceOf(AuraError);
  });

  it('keeps the worker’s crash as it is, with its hint', async () => {
    const crash = new AuraError('WORKER_CRASHED', 'The model worker was killed (SIGKILL). It starts again with the next call.', 'Try again.');
    const model = new LocalGgufLanguageModel('/models/c.gguf', null, fakeWorker(() => Promise.reject(crash)).worker);
    await expect(model.doGenerate({ prompt })).rejects.toBe(crash);
  });

  it('refuses a call that is already aborted, without asking the worker', async () => {
    const { worker, sent } = fakeWorker(replay(thinkAnswerCall));
    const model = new LocalGgufLanguageModel('/models/d.gguf', null, worker);
    await expect(model.doStream({ prompt, abortSignal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toEqual([]);
  });

  it('cancels the worker’s call when the reader cancels the stream', async () => {
    const { worker, sent } = fakeWorker(
      (onPart, signal) =>
        new Promise((_resolve, reject) => {
          onPart(thinkAnswerCall[0]!);
          onPart({ type: 'text-start', id: 't' });
          onPart({ type: 'text-delta', id: 't', delta: 'a' });
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const reader = (await new LocalGgufLanguageModel('/models/e.gguf', null, worker).doStream({ prompt })).stream.getReader();
    while ((await reader.read()).value?.type !== 'text-delta');
    await reader.cancel();
    expect(sent[0]?.signal?.aborted).toBe(true);
  });
});
