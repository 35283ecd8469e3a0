import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as wait } from 'node:timers/promises';
import { silentLogger } from '../../src/core/logging/logger';
import { createLocalGgufModel } from '../../src/core/providers/local-gguf';
import { nodeLlamaCppDir } from '../../src/core/providers/local-gguf/library-dir';
import type { CallOptions, LanguageModelV3, StreamPart } from '../../src/shared/language-model-v3';
import { generate } from '../../src/workers/model/generate';
import { loadNodeLlamaCpp } from '../../src/workers/model/library-loader';
import { releaseModels } from '../../src/workers/model/model-cache';
import { modelWorker } from '../support/gguf/model-worker';
import { writeTinyModel } from '../support/gguf/write-tiny-model';
import { REPO_ROOT } from '../support/launch-host';

/** The built worker, as the app starts it (`npm run bench` builds first). */
const built = (name: string) => join(REPO_ROOT, 'dist', 'workers', `${name}.js`);
const user = (text: string): CallOptions['prompt'][number] => ({ role: 'user', content: [{ type: 'text', text }] });
/** The tiny model repeats "~" once the reply starts with it: it generates until maxOutputTokens. */
const endless: CallOptions['prompt'] = [user('Count'), { role: 'assistant', content: [{ type: 'text', text: '~' }] }];

/** fork → `ready` of the built model worker, `runs` times; the first run warms the disk cache and is not counted. */
export async function workerColdStarts(runs = 10): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run <= runs; run += 1) {
    const { workers, worker } = modelWorker(process.env, { entry: built, logger: silentLogger });
    const started = performance.now();
    await worker.start();
    if (run > 0) samples.push(performance.now() - started);
    await workers.dispose();
  }
  return samples;
}

/** The host's longest event-loop delay while `run` goes, in ms (monitorEventLoopDelay at 1 ms resolution). */
async function longestTask(run: () => Promise<void>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  try {
    await run();
  } finally {
    delay.disable();
  }
  return delay.max / 1e6;
}

/**
 * The host's longest main-thread task while the tiny model (test/support/gguf) generates `tokens`
 * tokens: through the model worker as the app runs it, and, for comparison, with the same generation
 * in the host's own thread, as it ran before the worker, and with the host idle for as long (what the
 * rest of the machine costs). Each after a warm-up call that loads the model.
 */
export async function generationFigures(tokens = 400): Promise<{ workerMs: number; inProcessMs: number; idleMs: number; tokensPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'aura-bench-gguf-'));
  const path = join(dir, 'tiny.gguf');
  writeTinyModel(path);
  const { workers, local } = modelWorker(process.env, { entry: built, logger: silentLogger });
  try {
    const model = (await createLocalGgufModel(path, process.env, local)) as LanguageModelV3;
    await model.doGenerate({ prompt: [user('Hi')] });
    let tokensPerSecond = 0;
    let generatingMs = 0;
    const workerMs = await longestTask(async () => {
      const started = performance.now();
      const reader = (await model.doStream({ prompt: endless, maxOutputTokens: tokens })).stream.getReader();
      let finish: StreamPart | undefined;
      for (let next = await reader.read(); !next.done; next = await reader.read()) if (next.value.type === 'finish') finish = next.value;
      const output = finish?.type === 'finish' ? (finish.usage.outputTokens.total ?? 0) : 0;
      generatingMs = performance.now() - started;
      tokensPerSecond = output / (generatingMs / 1000);
    });
    const idleMs = await longestTask(() => wait(generatingMs));

    const lib = await loadNodeLlamaCpp(nodeLlamaCppDir(process.env, REPO_ROOT));
    const inThread = () => generate(lib, path, { prompt: endless, maxOutputTokens: tokens }, new AbortController().signal, () => undefined);
    await generate(lib, path, { prompt: [user('Hi')] }, new AbortController().signal, () => undefined);
    const inProcessMs = await longestTask(inThread);
    await releaseModels();
    return { workerMs, inProcessMs, idleMs, tokensPerSecond };
  } finally {
    await workers.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
