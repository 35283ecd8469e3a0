// The local model worker, built to dist/workers/model.js: node-llama-cpp, the loaded models and every
// generation live in this process, so the host's main thread stays free while a model generates.
import { constants, setPriority } from 'node:os';
import { ModelWorkerMethods } from '../../shared/model-worker';
import { serveWorker } from '../worker-runtime';
import { generate } from './generate';
import { loadNodeLlamaCpp } from './library-loader';

// Inference takes every core it is given. Below-normal priority, set before any thread is made (the
// threads llama.cpp makes later inherit it), lets the OS run the host first whenever both want a core;
// on an idle machine the model runs as fast as before.
try {
  setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not allowed here (some sandboxes): the worker still runs, at normal priority.
}

serveWorker(ModelWorkerMethods, {
  async generate({ modelPath, libraryDir, options }, { signal, progress }) {
    await generate(await loadNodeLlamaCpp(libraryDir), modelPath, options, signal, progress);
    return null;
  },
});
