import { afterEach, describe, expect, it } from '@jest/globals';
import { availableParallelism } from 'node:os';
import { LocalGgufLanguageModel } from './gguf-language-model';
import type { ChatResponse, GbnfJsonSchema, GenerateResponseOptions, Llama, NodeLlamaCpp } from './llama-api';
import { releaseLocalGgufModels } from './model-cache';
import type { CallOptions, StreamPart } from './v3-types';

// node-llama-cpp replaced by a scripted stand-in: these tests cover what the provider makes of its
// callbacks and results (a thought segment, which the tiny test model cannot produce, included).
// test/integration/local-gguf.test.ts runs the real library.

type Script = (options: GenerateResponseOptions) => Promise<ChatResponse>;

function fakeLibrary(script: Script, grammarFails?: (schema: GbnfJsonSchema) => boolean) {
  const seen = { contexts: [] as unknown[], options: [] as GenerateResponseOptions[], disposed: 0, loads: 0, grammars: [] as GbnfJsonSchema[] };
  const llama: Llama = {
    loadModel: async () => {
      seen.loads++;
      return {
        llama,
        createContext: async (options) => {
          seen.contexts.push(options);
          return {
            getSequence: () => ({ tokenMeter: { usedInputTokens: 50, usedOutputTokens: 9 } }),
            dispose: async () => {
              seen.disposed++;
            },
          };
        },
        dispose: async () => undefined,
      };
    },
    createGrammarForJsonSchema: async (schema) => {
      seen.grammars.push(schema);
      if (grammarFails?.(schema)) throw new Error('Failed to parse grammar');
      return { grammar: `root ::= ${JSON.stringify(schema)}` };
    },
    dispose: async () => undefined,
  };
  const lib: NodeLlamaCpp = {
    getLlama: async () => llama,
    LlamaChat: class {
      async generateResponse(_history: unknown, options: GenerateResponseOptions) {
        seen.options.push(options);
        return script(options);
      }
      dispose() {}
    },
  };
  return { lib, seen };
}

/** A reply with a thought, an answer and a tool call, streamed the way node-llama-cpp calls back. */
const thinkAnswerCall: Script = async (options) => {
  options.onResponseChunk?.({ type: 'segment', segmentType: 'thought', text: 'Hmm', tokens: [1, 2] });
  options.onResponseChunk?.({ type: undefined, segmentType: undefined, text: 'Let me ', tokens: [3] });
  options.onResponseChunk?.({ type: undefined, segmentType: undefined, text: 'check.', tokens: [4] });
  options.onFunctionCallParamsChunk?.({ callIndex: 0, functionName: 'read', paramsChunk: '{"path": "a", ', done: false });
  options.onFunctionCallParamsChunk?.({ callIndex: 0, functionName: 'read', paramsChunk: '"lines": null}', done: true });
  return { response: 'Let me check.', functionCalls: [{ functionName: 'read', params: { path: 'a', lines: null } }], metadata: { stopReason: 'functionCalls' } };
};

const tools: CallOptions['tools'] = [{ type: 'function', name: 'read', inputSchema: { type: 'object', properties: { path: { type: 'string' }, lines: { type: 'integer' } }, required: ['path'] } }];
const prompt: CallOptions['prompt'] = [{ role: 'user', content: [{ type: 'text', text: 'Read a' }] }];

async function readAll(stream: ReadableStream<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for (const reader = stream.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

afterEach(() => releaseLocalGgufModels());

describe('LocalGgufLanguageModel', () => {
  it('names itself after the file', () => {
    const model = new LocalGgufLanguageModel('/models/qwen3-0.6b.gguf', fakeLibrary(thinkAnswerCall).lib);
    expect(model).toMatchObject({ specificationVersion: 'v3', provider: 'local-gguf', modelId: 'qwen3-0.6b.gguf', supportedUrls: {} });
  });

  it('streams reasoning, text and a tool call in order, then the finish', async () => {
    const { lib, seen } = fakeLibrary(thinkAnswerCall);
    const model = new LocalGgufLanguageModel('/models/a.gguf', lib);
    const parts = await readAll((await model.doStream({ prompt, tools, maxOutputTokens: 64, temperature: 0.2 })).stream);

    expect(parts.map((p) => p.type)).toEqual(['stream-start', 'response-metadata', 'reasoning-start', 'reasoning-delta', 'reasoning-end', 'text-start', 'text-delta', 'text-delta', 'text-end', 'tool-input-start', 'tool-input-delta', 'tool-input-delta', 'tool-input-end', 'tool-call', 'finish']);
    const start = parts.find((p) => p.type === 'tool-input-start');
    const call = parts.find((p) => p.type === 'tool-call');
    expect(call).toEqual({ type: 'tool-call', toolCallId: start && 'id' in start ? start.id : '', toolName: 'read', input: '{"path":"a"}' });
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: 'functionCalls' },
      usage: { inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 9, text: 7, reasoning: 2 } },
    });

    expect(seen.contexts).toEqual([{ threads: availableParallelism(), contextSize: { max: 8192 } }]);
    expect(seen.options[0]).toMatchObject({ maxTokens: 64, temperature: 0.2, functions: { read: expect.any(Object) } });
    expect(seen.disposed).toBe(1);
  });

  it('generates the same reply as content, and loads the file once for both calls', async () => {
    const { lib, seen } = fakeLibrary(thinkAnswerCall);
    const model = new LocalGgufLanguageModel('/models/b.gguf', lib);
    await model.doGenerate({ prompt });
    const result = await model.doGenerate({ prompt, tools });
    expect(result.content).toEqual([
      { type: 'reasoning', text: 'Hmm' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', toolCallId: expect.stringMatching(/^call-/), toolName: 'read', input: '{"path":"a"}' },
    ]);
    expect(result.finishReason.unified).toBe('tool-calls');
    expect(seen.loads).toBe(1);
    expect(seen.disposed).toBe(2);
  });

  it('fails the stream when the generation fails, and still frees the context', async () => {
    const { lib, seen } = fakeLibrary(async () => {
      throw new Error('context overflow');
    });
    const model = new LocalGgufLanguageModel('/models/c.gguf', lib);
    await expect(readAll((await model.doStream({ prompt })).stream)).rejects.toThrow('context overflow');
    expect(seen.disposed).toBe(1);
  });

  it('refuses a call that is already aborted', async () => {
    const model = new LocalGgufLanguageModel('/models/d.gguf', fakeLibrary(thinkAnswerCall).lib);
    await expect(model.doStream({ prompt, abortSignal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops the generation when the reader cancels the stream', async () => {
    let signal: AbortSignal | undefined;
    const { lib } = fakeLibrary(
      (options) =>
        new Promise((_resolve, reject) => {
          signal = options.signal;
          options.onResponseChunk?.({ type: undefined, segmentType: undefined, text: 'a', tokens: [1] });
          options.signal?.addEventListener('abort', () => reject(options.signal?.reason));
        }),
    );
    const model = new LocalGgufLanguageModel('/models/e.gguf', lib);
    const reader = (await model.doStream({ prompt })).stream.getReader();
    while ((await reader.read()).value?.type !== 'text-delta');
    await reader.cancel();
    expect(signal?.aborted).toBe(true);
  });

  describe('with a JSON response format', () => {
    const schema = { type: 'object' as const, properties: { mood: { type: 'string' as const, enum: ['happy', 'sad'] }, note: { type: 'string' as const } }, required: ['mood'], additionalProperties: false };
    const grammarSchema = { type: 'object', properties: { mood: { enum: ['happy', 'sad'] }, note: { oneOf: [{ type: 'string' }, { type: 'null' }] } }, additionalProperties: false };
    /** What a grammar-held model writes for the schema: every property, the absent optional one null. */
    const json: Script = async (options) => {
      for (const text of ['{"mood": ', '"sad", "no', 'te": null}']) options.onResponseChunk?.({ type: undefined, segmentType: undefined, text, tokens: [1] });
      return { response: '{"mood": "sad", "note": null}', metadata: { stopReason: 'stopGenerationTrigger' } };
    };
    const deltas = (parts: StreamPart[]) => parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : []));

    it('holds the text to a grammar of the schema, made once for the model, and takes out the forced nulls', async () => {
      const { lib, seen } = fakeLibrary(json);
      const model = new LocalGgufLanguageModel('/models/f.gguf', lib);
      const parts = await readAll((await model.doStream({ prompt, responseFormat: { type: 'json', schema } })).stream);
      expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
      expect(deltas(parts)).toEqual(['{"mood": ', '"sad"', '}']);
      expect(seen.options[0]?.grammar).toEqual({ grammar: `root ::= ${JSON.stringify(grammarSchema)}` });
      expect(seen.options[0]?.functions).toBeUndefined();

      const result = await model.doGenerate({ prompt, responseFormat: { type: 'json', schema } });
      expect(result.content).toEqual([{ type: 'text', text: '{"mood": "sad"}' }]);
      expect(result.warnings).toEqual([]);
      expect(seen.options[1]?.grammar).toBe(seen.options[0]?.grammar);
      expect(seen.grammars).toEqual([grammarSchema]);
    });

    it('holds the text to any JSON object without a schema, and leaves its nulls alone', async () => {
      const { lib, seen } = fakeLibrary(json);
      const result = await new LocalGgufLanguageModel('/models/g.gguf', lib).doGenerate({ prompt, responseFormat: { type: 'json' } });
      expect(seen.grammars).toEqual([{ type: 'object', additionalProperties: true }]);
      expect(result.content).toEqual([{ type: 'text', text: '{"mood": "sad", "note": null}' }]);
      expect(result.warnings).toEqual([]);
    });

    it('falls back to any JSON object, with a warning, when node-llama-cpp cannot make a grammar of the schema', async () => {
      const { lib, seen } = fakeLibrary(json, (grammar) => 'properties' in grammar);
      const { stream } = await new LocalGgufLanguageModel('/models/h.gguf', lib).doStream({ prompt, responseFormat: { type: 'json', schema } });
      const parts = await readAll(stream);
      expect(parts[0]).toEqual({ type: 'stream-start', warnings: [expect.objectContaining({ type: 'unsupported', feature: 'responseFormat schema', details: expect.stringContaining('Failed to parse grammar') })] });
      expect(seen.grammars).toEqual([grammarSchema, { type: 'object', additionalProperties: true }]);
      expect(seen.options[0]?.grammar).toEqual({ grammar: 'root ::= {"type":"object","additionalProperties":true}' });
      // The nulls are still the schema's to judge.
      expect(deltas(parts).join('')).toBe('{"mood": "sad"}');
    });

    it('offers the tools without a grammar when both are asked for', async () => {
      const { lib, seen } = fakeLibrary(thinkAnswerCall);
      const result = await new LocalGgufLanguageModel('/models/i.gguf', lib).doGenerate({ prompt, tools, responseFormat: { type: 'json', schema } });
      expect(seen.grammars).toEqual([]);
      expect(seen.options[0]).toMatchObject({ functions: { read: expect.any(Object) } });
      expect(seen.options[0]?.grammar).toBeUndefined();
      expect(result.warnings).toEqual([expect.objectContaining({ feature: 'responseFormat json with tools' })]);
    });
  });
});
