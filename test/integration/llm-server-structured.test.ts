// The scripted LLM server's StructuredTurn and scripted finish reasons, driven by the real `ai` SDK
// providers' structured output (`output: Output.object(...)`), so a served model can be made to answer
// JSON only when asked the way its API asks for it.
import { describe, expect, it } from '@jest/globals';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { generateText, NoObjectGeneratedError, Output, streamText, tool, type LanguageModel } from 'ai';
import { z } from 'zod';
import { DEFAULT_PROSE, Turn, type FinishReason, type ScriptedLlm } from '../support/llm-server';
import { field } from '../support/llm-server/answer';
import { scriptedLlmsClosedAfterEach } from '../support/llm-server/per-test';

// Unknown model names make the anthropic provider warn about its max-token default on every call.
globalThis.AI_SDK_LOG_WARNINGS = false;
const start = scriptedLlmsClosedAfterEach();

const PLAN = { steps: [{ title: 'Write hello.txt', done: false }, { title: 'Check the file', done: true }], note: null };
const schema = z.object({ steps: z.array(z.object({ title: z.string(), done: z.boolean() })), note: z.string().nullable() });
const output = Output.object({ schema });
const prompt = 'Plan: create hello.txt containing Hello, Aura';

type ProviderOptions = Parameters<typeof generateText>[0]['providerOptions'];

interface Asker {
  model: (llm: ScriptedLlm) => LanguageModel;
  providerOptions?: ProviderOptions;
  /** The part of the request body with which the SDK asks for structured output... */
  sent: (body: unknown) => unknown;
  /** ...and what it was observed to be. */
  expected: unknown;
  /** Whether that counts as asking natively, so a StructuredTurn answers JSON rather than prose. */
  native: boolean;
  /** The wire finish reason of the answer: Anthropic's tool mode answers with a `tool_use` block. */
  raw?: string;
}

const openAiCompatible = (llm: ScriptedLlm, supportsStructuredOutputs: boolean) =>
  createOpenAICompatible({ name: 'test', baseURL: llm.baseUrl, includeUsage: true, supportsStructuredOutputs }).chatModel('m1');
const anthropic = (llm: ScriptedLlm, model: string) => createAnthropic({ baseURL: llm.baseUrl, apiKey: 'test' })(model);
const gemini = (llm: ScriptedLlm) => createGoogleGenerativeAI({ baseURL: llm.baseUrl, apiKey: 'test' })('m1');
const responseFormat = (body: unknown) => field(body, 'response_format', 'type');
const geminiAsk = (body: unknown) => [field(body, 'generationConfig', 'responseMimeType'), typeof field(body, 'generationConfig', 'responseSchema')];

const ASKERS: [string, Asker][] = [
  ['openai chat completions', { model: (llm) => createOpenAI({ baseURL: llm.baseUrl, apiKey: 'test' }).chat('m1'), sent: responseFormat, expected: 'json_schema', native: true, raw: 'stop' }],
  ['openai-compatible, supportsStructuredOutputs', { model: (llm) => openAiCompatible(llm, true), sent: responseFormat, expected: 'json_schema', native: true, raw: 'stop' }],
  // JSON mode without a schema: the servers a StructuredTurn models ignore it.
  ['openai-compatible without supportsStructuredOutputs', { model: (llm) => openAiCompatible(llm, false), sent: responseFormat, expected: 'json_object', native: false }],
  // A model the SDK knows supports structured outputs: `output_config.format`, the JSON comes back as text.
  ['anthropic, output_config', { model: (llm) => anthropic(llm, 'claude-sonnet-4-5'), sent: (body) => field(body, 'output_config', 'format', 'type'), expected: 'json_schema', native: true, raw: 'end_turn' }],
  // Any other model name: a forced `json` tool, whose input the SDK hands back as the text.
  [
    'anthropic, json tool',
    {
      model: (llm) => anthropic(llm, 'm1'),
      sent: (body) => [(field(body, 'tools') as unknown[]).map((t) => field(t, 'name')), field(body, 'tool_choice')],
      expected: [['json'], { type: 'any', disable_parallel_tool_use: true }],
      native: true,
      raw: 'tool_use',
    },
  ],
  ['gemini generateContent', { model: gemini, sent: geminiAsk, expected: ['application/json', 'object'], native: true, raw: 'STOP' }],
  // The MIME type alone (no schema) is JSON mode again.
  ['gemini without structuredOutputs', { model: gemini, providerOptions: { google: { structuredOutputs: false } }, sent: geminiAsk, expected: ['application/json', 'undefined'], native: false }],
];

describe.each(ASKERS)('StructuredTurn asked through %s', (_name, { model, providerOptions, sent, expected, native, raw }) => {
  it(native ? 'answers the object, not streamed' : 'answers prose, which the SDK cannot parse, not streamed', async () => {
    const llm = await start({ turns: [{ structured: PLAN }] });
    const result = generateText({ model: model(llm), prompt, output, providerOptions, maxRetries: 0 });
    if (native) {
      const { output: object, finishReason, rawFinishReason } = await result;
      expect(object).toEqual(PLAN);
      expect([finishReason, rawFinishReason]).toEqual(['stop', raw]);
    } else {
      const error = await result.catch((e: unknown) => e);
      expect(NoObjectGeneratedError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ text: DEFAULT_PROSE });
    }
    expect(sent(llm.requests[0]?.body)).toEqual(expected);
  });

  it(native ? 'streams the object in several partial objects' : 'streams prose, which the SDK cannot parse', async () => {
    const llm = await start({ turns: [{ structured: PLAN, chunkSize: 6, otherwise: 'I would rather talk it through.' }] });
    const result = streamText({ model: model(llm), prompt, output, providerOptions, maxRetries: 0, onError: () => undefined });
    const partials: unknown[] = [];
    for await (const partial of result.partialOutputStream) partials.push(partial);
    if (native) {
      expect(await result.output).toEqual(PLAN);
      expect(partials.length).toBeGreaterThan(2);
      expect(partials.at(-1)).toEqual(PLAN);
      expect([await result.finishReason, await result.rawFinishReason]).toEqual(['stop', raw]);
    } else {
      expect(NoObjectGeneratedError.isInstance(await Promise.resolve(result.output).catch((e: unknown) => e))).toBe(true);
      expect(await result.text).toBe('I would rather talk it through.');
    }
    expect(sent(llm.requests[0]?.body)).toEqual(expected);
  });
});

interface Format {
  /** A model whose structured output the server counts as native. */
  modelOf: (llm: ScriptedLlm) => LanguageModel;
  /** The wire spelling of each scripted finish reason. */
  wire: Record<FinishReason, string>;
}

const OPENAI_WIRE = { length: 'length', content_filter: 'content_filter' };
const FORMATS: [string, Format][] = [
  ['openai-compatible chat completions', { modelOf: (llm) => openAiCompatible(llm, true), wire: OPENAI_WIRE }],
  ['openai chat completions', { modelOf: (llm) => createOpenAI({ baseURL: llm.baseUrl, apiKey: 'test' }).chat('m1'), wire: OPENAI_WIRE }],
  ['anthropic messages', { modelOf: (llm) => anthropic(llm, 'm1'), wire: { length: 'max_tokens', content_filter: 'refusal' } }],
  ['gemini generateContent', { modelOf: gemini, wire: { length: 'MAX_TOKENS', content_filter: 'SAFETY' } }],
];

/** The SDK's name for each scripted finish reason. */
const SDK_REASONS: Record<FinishReason, string> = { length: 'length', content_filter: 'content-filter' };

describe.each(FORMATS)('%s', (_name, { modelOf, wire }) => {
  it('answers a call that does not ask for structured output with prose', async () => {
    const llm = await start({ turns: [{ structured: PLAN }, { structured: PLAN, otherwise: 'Happy to help: I will write the file first.' }] });
    expect((await generateText({ model: modelOf(llm), prompt, maxRetries: 0 })).text).toBe(DEFAULT_PROSE);
    const streamed = streamText({ model: modelOf(llm), prompt, maxRetries: 0, onError: () => undefined });
    expect(await streamed.text).toBe('Happy to help: I will write the file first.');
  });

  const write = tool({ description: 'Write a file', inputSchema: z.object({ path: z.string() }) });
  const cases: [string, FinishReason, Turn][] = [
    ['text', 'length', { text: 'The plan is to wri', finishReason: 'length' }],
    ['text', 'content_filter', { text: 'I cannot', finishReason: 'content_filter' }],
    ['tool calls', 'length', { toolCalls: [{ name: 'write', args: { path: 'hello.txt' } }], finishReason: 'length' }],
    ['structured output', 'length', { structured: PLAN, finishReason: 'length' }],
    ['structured output', 'content_filter', { structured: PLAN, finishReason: 'content_filter' }],
  ];
  it.each(cases)('ends %s with the scripted finish reason %s, streamed and not', async (kind, reason, turn) => {
    const llm = await start({ turns: [turn, turn] });
    const call = { model: modelOf(llm), prompt, maxRetries: 0, ...(kind === 'tool calls' ? { tools: { write } } : {}), ...(kind === 'structured output' ? { output } : {}) };
    const generated = await generateText(call);
    const streamed = streamText({ ...call, onError: () => undefined });
    await streamed.consumeStream();
    for (const [finishReason, rawFinishReason] of [
      [generated.finishReason, generated.rawFinishReason],
      [await streamed.finishReason, await streamed.rawFinishReason],
    ]) {
      expect(finishReason).toBe(SDK_REASONS[reason]);
      expect(rawFinishReason).toBe(wire[reason]);
    }
    if (kind === 'structured output') {
      expect(generated.output).toEqual(PLAN);
      expect(await streamed.output).toEqual(PLAN);
    }
    if (kind === 'tool calls') expect(generated.toolCalls.map((c) => c.input)).toEqual([{ path: 'hello.txt' }]);
    expect(llm.pending()).toBe(0);
  });
});

describe('StructuredTurn in a script', () => {
  it('is a strict object: a misspelt key fails loudly', () => {
    expect(Turn.safeParse({ structured: PLAN, otherwize: 'typo' }).success).toBe(false);
    expect(Turn.safeParse({ structured: PLAN, finishReason: 'max_tokens' }).success).toBe(false);
    expect(Turn.safeParse({ structured: null, otherwise: 'no JSON here', finishReason: 'content_filter' }).success).toBe(true);
  });
});
