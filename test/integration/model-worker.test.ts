import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logging/logger';
import { createLocalGgufModel } from '../../src/core/providers/local-gguf';
import { NodeWorkerLauncher } from '../../src/core/workers/node-worker-launcher';
import type { CallOptions, LanguageModelV3 } from '../../src/shared/language-model-v3';
import { MODEL_WORKER, ModelWorkerMethods } from '../../src/shared/model-worker';
import { modelWorker, type ModelWorkerHarness } from '../support/gguf/model-worker';
import { readParts } from '../support/gguf/read-parts';
import { writeTinyModel } from '../support/gguf/write-tiny-model';
import { environmentText, isRunning } from '../support/processes';
import { openTempApp } from '../support/temp-app';

// The local model worker for real: node-llama-cpp running the tiny model (test/support/gguf) in a
// process of its own, started by the pool as the app starts it.

const user = (text: string): CallOptions['prompt'][number] => ({ role: 'user', content: [{ type: 'text', text }] });
/** The tiny model repeats "~" once the reply starts with it: a generation only a limit or a kill stops. */
const endless: CallOptions['prompt'] = [user('Count'), { role: 'assistant', content: [{ type: 'text', text: '~' }] }];
const KEYS = { OPENAI_API_KEY: 'sk-test-model-worker-0123456789', ANTHROPIC_API_KEY: 'sk-ant-model-worker-0123456789' };

let dir: string;
let modelPath: string;
let harness: ModelWorkerHarness;
let model: LanguageModelV3;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aura-model-worker-'));
  modelPath = join(dir, 'tiny.gguf');
  writeTinyModel(modelPath);
  harness = modelWorker({ ...process.env, ...KEYS }, { logger: silentLogger });
  model = (await createLocalGgufModel(modelPath, process.env, harness.local)) as LanguageModelV3;
});

afterAll(async () => {
  await harness.workers.dispose();
  rmSync(dir, { recursive: true, force: true });
});


describe('the local model worker', () => {
  it('generates in a process of its own, which has none of the host’s keys', async () => {
    const result = await model.doGenerate({ prompt: [user('Hi')] });
    expect(result.content).toEqual([{ type: 'text', text: 'hello world||call:' }]);
    const pid = harness.worker.pid!;
    expect(pid).not.toBe(process.pid);
    const env = environmentText(pid);
    expect(env).toContain('PATH=');
    expect(env).not.toMatch(/API_KEY|sk-test|sk-ant/);
  }, 60_000);

  it('keeps the host’s event loop turning while the model generates', async () => {
    let ticks = 0;
    let ticksWhileGenerating = 0;
    let generating = false;
    const timer = setInterval(() => {
      ticks++;
      if (generating) ticksWhileGenerating++;
    }, 1);
    try {
      const { stream } = await model.doStream({ prompt: endless, maxOutputTokens: 1000 });
      const parts = await readParts(stream, (part) => {
        if (part.type === 'text-delta') generating = true;
        if (part.type === 'finish') generating = false;
      });
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'length' } });
    } finally {
      clearInterval(timer);
    }
    // The host's timers fired between the model's tokens: the tokens are made in the worker's process.
    expect(ticksWhileGenerating).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThanOrEqual(ticksWhileGenerating);
    expect(harness.worker.pid).not.toBe(process.pid);
  }, 60_000);

  it('survives kill -9 mid-generation: the call fails saying what happened, the worker comes back, the next call works', async () => {
    const { stream } = await model.doStream({ prompt: endless, maxOutputTokens: 100_000 });
    const pid = harness.worker.pid!;
    let killed = false;
    const failure = await readParts(stream, (part) => {
      if (part.type !== 'text-delta' || killed) return;
      killed = true;
      process.kill(pid, 'SIGKILL');
    }).catch((err: unknown) => err);
    expect(failure).toMatchObject({ code: 'WORKER_CRASHED', message: 'The model worker was killed (SIGKILL). It starts again with the next call.', hint: expect.stringContaining('Try again') });
    expect(isRunning(pid)).toBe(false);

    const again = await model.doGenerate({ prompt: [user('Hi')] });
    expect(again.content).toEqual([{ type: 'text', text: 'hello world||call:' }]);
    expect(harness.worker.pid).not.toBe(pid);
  }, 60_000);
});

describe('the app’s workers', () => {
  it('start none until one is used, and stop with the app, leaving no process behind', async () => {
    const forks: string[] = [];
    const node = new NodeWorkerLauncher();
    const app = openTempApp(undefined, {
      launcher: {
        fork: (entry, options) => {
          forks.push(options.name);
          return node.fork(entry, options);
        },
      },
    });
    expect(forks).toEqual([]);
    const worker = app.workers.create(MODEL_WORKER, ModelWorkerMethods);
    await worker.start();
    const pid = worker.pid!;
    expect(forks).toEqual(['model']);
    await app.dispose();
    expect(isRunning(pid)).toBe(false);
  }, 60_000);
});
