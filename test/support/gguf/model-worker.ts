import { join } from 'node:path';
import type { Logger } from '../../../src/core/logging/logger';
import type { LocalModels } from '../../../src/core/providers/local-gguf';
import { NodeWorkerLauncher } from '../../../src/core/workers/node-worker-launcher';
import type { WorkerClient } from '../../../src/core/workers/worker-client';
import { WorkerPool } from '../../../src/core/workers/worker-pool';
import { MODEL_WORKER, ModelWorkerMethods } from '../../../src/shared/model-worker';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Writes what goes wrong to stderr, where the tests show it when a run fails. */
export const stderrLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (msg, fields) => void process.stderr.write(`warn: ${msg} ${JSON.stringify(fields ?? {})}\n`),
  error: (msg, fields) => void process.stderr.write(`error: ${msg} ${JSON.stringify(fields ?? {})}\n`),
  tail: () => [],
};

export interface ModelWorkerHarness {
  workers: WorkerPool;
  worker: WorkerClient<ModelWorkerMethods>;
  /** For createLocalGgufModel: this worker, and the checkout as the app's install. */
  local: LocalModels;
}

/**
 * The model worker as the app runs it: child_process.fork through the worker pool, with the environment
 * of `env` scrubbed. `entry` picks another script (the bench runs the built dist/workers/model.js).
 */
export function modelWorker(env: NodeJS.ProcessEnv = process.env, options: { entry?: (name: string) => string; logger?: Logger } = {}): ModelWorkerHarness {
  const workers = new WorkerPool({ launcher: new NodeWorkerLauncher(), logger: options.logger ?? stderrLogger, env, ...(options.entry ? { entry: options.entry } : {}) });
  const worker = workers.create(MODEL_WORKER, ModelWorkerMethods);
  return { workers, worker, local: { worker: () => worker, appRoot: REPO_ROOT } };
}
