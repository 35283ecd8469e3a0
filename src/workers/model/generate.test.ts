import { afterEach, describe, expect, it } from '@jest/globals';
import { availableParallelism } from 'node:os';
import type { CallOptions } from '../../shared/language-model-v3';
import type { ModelStreamPart } from '../../shared/model-worker';
import { generate } from './generate';
import type { ChatResponse, GbnfJsonSchema, GenerateResponseOptions, Llama, NodeLlamaCpp } from './llama-api';
import { releaseModels } from './model-cache';

// node-llama-cpp replaced by a scripted stand-in: these tests cover what the worker makes of its
// callbacks and results (a thought segment, which the tiny test model cannot produce, included).
// test/integration/local-gguf.test.ts runs the real library in the real worker.

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

/** Runs one call of the worker and returns the parts it reported. */
async function run(lib: NodeLlamaCpp, path: string, options: CallOptions, signal = new AbortController().signal): Promise<ModelStreamPart[]> {
  const parts: ModelStreamPart[] = [];
  await generate(lib, path, options, signal, (part) => parts.push(part));
  return parts;
}

afterEach(() => releaseModels());

describe('the model worker’s generate', () => {
  it('reports the warnings, then reasoning, text and a tool call in order, then the finish', async () => {
    const { lib, seen } = fakeLibrary(thinkAnswerCall);
    const parts = await run(lib, '/models/a.gguf', { prompt, tools, maxOutputTokens: 64, temperature: 0.2 });

    expect(parts.map((p) => p.type)).toEqual(['stream-start', 'reasoning-start', 'reasoning-delta', 'reasoning-end', 'text-start', 'text-delta', 'text-delta', 'text-end', 'tool-input-start', 'tool-input-delta', 'tool-input-delta', 'tool-input-end', 'tool-call', 'finish']);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
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

  it('loads the file once for both calls, and gives each call a context of its own', async () => {
    const { lib, seen } = fakeLibrary(thinkAnswerCall);
    await run(lib, '/models/b.gguf', { prompt });
    await run(lib, '/models/b.gguf', { prompt, tools });
    expect(seen.loads).toBe(1);
    expect(seen.disposed).toBe(2);
  });

  it('fails when the generation fails, and still frees the context', async () => {
    const { lib, seen } = fakeLibrary(async () => {
      throw new Error('context overflow');
    });
    await expect(run(lib, '/models/c.gguf', { prompt })).rejects.toThrow('context overflow');
    expect(seen.disposed).toBe(1);
  });

  it('refuses a call that is already cancelled', async () => {
    const { lib, seen } = fakeLibrary(thinkAnswerCall);
    await expect(run(lib, '/models/d.gguf', { prompt }, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.loads).toBe(0);
  });

  it('stops the generation when the host cancels the call', async () => {
    let signal: AbortSignal | undefined;
    const { lib } = fakeLibrary(
      (options) =>
        new Promise((_resolve, reject) => {
          signal = options.signal;
          options.onResponseChunk?.({ type: undefined, segmentType: undefined, text: 'a', tokens: [1] });
          options.signal?.addEventListener('abort', () => reject(options.signal?.reason));
        }),
    );
    const cancel = new AbortController();
    const parts: ModelStreamPart[] = [];
    const call = generate(lib, '/models/e.gguf', { prompt }, cancel.signal, (part) => {
      parts.push(part);
      // As the host's cancel comes: a message, after the part went out.
      if (part.type === 'text-delta') setImmediate(() => cancel.abort(new Error('cancelled')));
    });
    await expect(call).rejects.toThrow('cancelled');
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
    const deltas = (parts: ModelStreamPart[]) => parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : []));

    it('holds the text to a grammar of the schema, made once for the model, and takes out the forced nulls', async () => {
      const { lib, seen } = fakeLibrary(json);
      const parts = await run(lib, '/models/f.gguf', { prompt, responseFormat: { type: 'json', schema } });
      expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
      expect(deltas(parts)).toEqual(['{"mood": ', '"sad"', '}']);
      expect(seen.options[0]?.grammar).toEqual({ grammar: `root ::= ${JSON.stringify(grammarSchema)}` });
      expect(seen.options[0]?.functions).toBeUndefined();

      const again = await run(lib, '/models/f.gguf', { prompt, responseFormat: { type: 'json', schema } });
      expect(deltas(again).join('')).toBe('{"mood": "sad"}');
      expect(seen.options[1]?.grammar).toBe(seen.options[0]?.grammar);
      expect(seen.grammars).toEqual([grammarSchema]);
    });

    it('holds the text to any JSON object without a schema, and leaves its nulls alone', async () => {
      const { lib, seen } = fakeLibrary(json);
      const parts = await run(lib, '/models/g.gguf', { prompt, responseFormat: { type: 'json' } });
      expect(seen.grammars).toEqual([{ type: 'object', additionalProperties: true }]);
      expect(deltas(parts).join('')).toBe('{"mood": "sad", "note": null}');
      expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    });

    it('falls back to any JSON object, with a warning, when node-llama-cpp cannot make a grammar of the schema', async () => {
      const { lib, seen } = fakeLibrary(json, (grammar) => 'properties' in grammar);
      const parts = await run(lib, '/models/h.gguf', { prompt, responseFormat: { type: 'json', schema } });
      expect(parts[0]).toEqual({ type: 'stream-start', warnings: [expect.objectContaining({ type: 'unsupported', feature: 'responseFormat schema', details: expect.stringContaining('Failed to parse grammar') })] });
      expect(seen.grammars).toEqual([grammarSchema, { type: 'object', additionalProperties: true }]);
      expect(seen.options[0]?.grammar).toEqual({ grammar: 'root ::= {"type":"object","additionalProperties":true}' });
      // The nulls are still the schema's to judge.
      expect(deltas(parts).join('')).toBe('{"mood": "sad"}');
    });

    it('offers the tools without a grammar when both are asked for', async () => {
      const { lib, seen } = fakeLibrary(thinkAnswerCall);
      const parts = await run(lib, '/models/i.gguf', { prompt, tools, responseFormat: { type: 'json', schema } });
      expect(seen.grammars).toEqual([]);
      expect(seen.options[0]).toMatchObject({ functions: { read: expect.any(Object) } });
      expect(seen.options[0]?.grammar).toBeUndefined();
      expect(parts[0]).toEqual({ type: 'stream-start', warnings: [expect.objectContaining({ feature: 'responseFormat json with tools' })] });
    });
  });
});
