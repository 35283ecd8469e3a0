import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { StreamPart } from '../../src/shared/language-model-v3';
import { REPO_ROOT } from '../support/launch-host';
import { moodSchema } from '../support/gguf/mood-schema';
import { writeTinyModel } from '../support/gguf/write-tiny-model';

const run = promisify(execFile);

/**
 * Where node-llama-cpp is found: AURA_NODE_LLAMA_CPP_DIR if set, else the folder `npm run local-llm:install`
 * installs it into, else the app's own node_modules (the user's `npm install node-llama-cpp`).
 */
function libraryEnv(): NodeJS.ProcessEnv {
  const dir = process.env.AURA_NODE_LLAMA_CPP_DIR ?? join(REPO_ROOT, 'node_modules', '.cache', 'aura-local-llm');
  return existsSync(dir) ? { AURA_NODE_LLAMA_CPP_DIR: dir } : {};
}

interface Report {
  hostPid: number;
  workerPid: number | undefined;
  modelId: string;
  stream: StreamPart[];
  generated: { content: unknown[]; finishReason: unknown; usage: { inputTokens: { total: number }; outputTokens: { total: number } } };
  limited: { content: unknown[]; finishReason: unknown; usage: { outputTokens: { total: number } } };
  aborted: { deltas: number; error: string | null; ms: number };
  toolStream: StreamPart[];
  sdk: { executed: unknown[]; steps: { text: string; toolCalls: unknown[]; finishReason: string; usage: { inputTokens: number } }[] };
  structured: {
    object: { text: string; output: unknown; partials: unknown[]; warnings: unknown[]; finishReason: string };
    json: { text: string; output: unknown; warnings: unknown[]; finishReason: string };
  };
}

const types = (parts: StreamPart[]) => parts.map((part) => part.type).filter((type, index, all) => type !== all[index - 1]);
const finishOf = (parts: StreamPart[]) => parts.find((part): part is Extract<StreamPart, { type: 'finish' }> => part.type === 'finish');

// A real llama.cpp run of a tiny crafted model (test/support/gguf/write-tiny-model.ts says what it
// answers), through the provider and through the AI SDK, in one child process (with its model worker):
// loading is the slow part.
describe('local GGUF model through node-llama-cpp', () => {
  let report: Report;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-gguf-'));
    try {
      const modelPath = join(dir, 'tiny.gguf');
      writeTinyModel(modelPath);
      const env = { ...process.env, ...libraryEnv() };
      try {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/gguf/run-local-model.ts'), modelPath], { cwd: REPO_ROOT, env, timeout: 100_000 });
        const line = stdout.split('\n').find((l) => l.startsWith('REPORT='));
        if (!line) throw new Error(`no report in:\n${stdout}`);
        report = JSON.parse(line.slice('REPORT='.length)) as Report;
      } catch (err) {
        const stderr = (err as { stderr?: string }).stderr ?? '';
        throw new Error(`the local model run failed (is node-llama-cpp installed? npm run local-llm:install):\n${stderr || String(err)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('runs the model in the model worker, a process apart from the host', () => {
    expect(report.workerPid).toEqual(expect.any(Number));
    expect(report.workerPid).not.toBe(report.hostPid);
  });

  it('streams text in a block, then the finish with the tokens of the call', () => {
    expect(types(report.stream)).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta', 'text-end', 'finish']);
    const text = report.stream.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
    expect(text).toBe('hello world||call:');
    const finish = finishOf(report.stream);
    expect(finish?.finishReason).toEqual({ unified: 'stop', raw: 'eogToken' });
    // "hello", " world", "||call:" and the end-of-sequence token.
    expect(finish?.usage.outputTokens).toEqual({ total: 4, text: 4, reasoning: 0 });
    expect(finish?.usage.inputTokens.total).toBeGreaterThan(10);
    expect(report.stream.find((part) => part.type === 'response-metadata')).toMatchObject({ modelId: 'tiny.gguf' });
  });

  it('generates the same answer as content, with usage recorded per call', () => {
    expect(report.modelId).toBe('tiny.gguf');
    expect(report.generated.content).toEqual([{ type: 'text', text: 'hello world||call:' }]);
    expect(report.generated.finishReason).toEqual({ unified: 'stop', raw: 'eogToken' });
    expect(report.generated.usage.outputTokens.total).toBe(4);
    // A context per call: the input is this call's prompt alone, not the previous calls' tokens too.
    expect(report.generated.usage.inputTokens.total).toBeLessThan(finishOf(report.stream)!.usage.inputTokens.total!);
  });

  it('stops at maxOutputTokens with finish reason length', () => {
    expect(report.limited.content).toEqual([{ type: 'text', text: '~'.repeat(7) }]);
    expect(report.limited.finishReason).toEqual({ unified: 'length', raw: 'maxTokens' });
    expect(report.limited.usage.outputTokens.total).toBe(7);
  });

  it('stops generating when the call is aborted', () => {
    expect(report.aborted.error).toBe('AbortError');
    expect(report.aborted.deltas).toBeLessThan(50);
  });

  it('streams a tool call the model makes, without running it', () => {
    expect(types(report.toolStream)).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta', 'text-end', 'tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call', 'finish']);
    const call = report.toolStream.find((part) => part.type === 'tool-call');
    const start = report.toolStream.find((part) => part.type === 'tool-input-start');
    expect(call).toMatchObject({ toolName: 'get_weather', toolCallId: start && 'id' in start ? start.id : 'missing' });
    // Grammar-constrained: valid JSON of the schema, whatever the weights say.
    expect(JSON.parse((call as { input: string }).input)).toEqual({ city: 'Oslo', metric: false });
    expect(finishOf(report.toolStream)?.finishReason).toEqual({ unified: 'tool-calls', raw: 'functionCalls' });
  });

  it('lets the AI SDK run the tool and send its result back to the model', () => {
    const [first, second] = report.sdk.steps;
    // The tiny model asks again in the second step (it says the same thing after any prompt).
    expect(report.sdk.executed).toEqual([
      { city: 'Oslo', metric: false },
      { city: 'Oslo', metric: false },
    ]);
    expect(first).toMatchObject({ text: 'hello world', toolCalls: [{ city: 'Oslo', metric: false }], finishReason: 'tool-calls' });
    // The second prompt holds the first call and its result, so it is longer.
    expect(second!.usage.inputTokens).toBeGreaterThan(first!.usage.inputTokens);
  });

  it('holds a structured answer to its schema with a grammar, streamed, without the nulls it forced', () => {
    const { object } = report.structured;
    // The tiny model's weights would say "hello world": the text is JSON of the schema all the same.
    const parsed = moodSchema.safeParse(JSON.parse(object.text));
    expect(parsed.success).toBe(true);
    expect(object.output).toEqual(parsed.data);
    // The grammar makes every property required; `detail` was written null and taken out again, as zod
    // would refuse a null for an optional object.
    expect(object.output).not.toHaveProperty('detail');
    expect(object.partials.length).toBeGreaterThan(1);
    expect(object.partials.at(-1)).toEqual(object.output);
    expect(object.warnings).toEqual([]);
    expect(object.finishReason).toBe('stop');
  });

  it('holds a JSON answer without a schema to a JSON object', () => {
    const { json } = report.structured;
    expect(JSON.parse(json.text)).toEqual(json.output);
    expect(json.output).toEqual(expect.any(Object));
    expect(Array.isArray(json.output)).toBe(false);
    expect(json.warnings).toEqual([]);
  });
});
