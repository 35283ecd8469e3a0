import { availableParallelism } from 'node:os';
import { AuraError } from '../../shared/errors';
import { nodeLlamaCppPrebuilt } from '../../shared/model-worker';
import type { Llama, LlamaModel, NodeLlamaCpp } from './llama-api';

/**
 * Every core of the machine. node-llama-cpp's own default is at least 4 threads, which oversubscribes a
 * small machine and makes it far slower, so the count is always given.
 */
export const THREADS = availableParallelism();

let llama: Promise<Llama> | undefined;
const models = new Map<string, Promise<LlamaModel>>();

/** The loaded weights of a model file, loaded once per path: loading is the slow part of a call. */
export function loadGgufModel(lib: NodeLlamaCpp, path: string): Promise<LlamaModel> {
  let model = models.get(path);
  if (!model) {
    model = loadUncached(lib, path);
    models.set(path, model);
    // A failed load is not remembered: the file or the install may be fixed before the next call.
    model.catch(() => models.delete(path));
  }
  return model;
}

async function loadUncached(lib: NodeLlamaCpp, path: string): Promise<LlamaModel> {
  llama ??= lib
    // `build: 'never'`: a missing prebuilt binary is an error to report, not a CMake build to start in the app.
    .getLlama({ gpu: 'auto', build: 'never', maxThreads: THREADS, logLevel: 'error' })
    .catch((err: unknown) => {
      llama = undefined;
      throw new AuraError('BAD_REQUEST', `node-llama-cpp has no usable llama.cpp build here: ${message(err)}`, `Install the prebuilt llama.cpp build for this machine, ${nodeLlamaCppPrebuilt(process.platform, process.arch)}, beside node-llama-cpp.`);
    });
  try {
    return await (await llama).loadModel({ modelPath: path });
  } catch (err) {
    if (err instanceof AuraError) throw err;
    throw new AuraError('BAD_REQUEST', `The model file ${path} could not be loaded: ${message(err)}`, 'Check that it is a complete GGUF file of an architecture llama.cpp supports.');
  }
}

/** Frees every loaded model and the llama.cpp backend (tests with stand-in libraries; the worker's exit frees them otherwise). */
export async function releaseModels(): Promise<void> {
  const loaded = [...models.values()];
  models.clear();
  await Promise.all(loaded.map((model) => model.then((m) => m.dispose(), () => undefined)));
  const backend = llama;
  llama = undefined;
  await backend?.then((l) => l.dispose(), () => undefined);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
