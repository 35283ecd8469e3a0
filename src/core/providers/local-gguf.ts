import { existsSync } from 'node:fs';
import type { LanguageModel } from 'ai';
import { AuraError } from '../../shared/errors';
import { LocalGgufLanguageModel, type ModelWorker } from './local-gguf/gguf-language-model';
import { nodeLlamaCppDir } from './local-gguf/library-dir';

/** What the host gives local models: the model worker (started by its first call) and the app's install folder. */
export interface LocalModels {
  worker(): ModelWorker;
  /** Where `npm run local-llm:install` puts node-llama-cpp, under node_modules/.cache/aura-local-llm. */
  appRoot: string;
}

/**
 * A GGUF model file run by node-llama-cpp in the model worker. The package brings ~700 MB of GPU builds,
 * so it is not a dependency: the user installs it on purpose, and the worker loads it when a local model
 * is first used. The weights load on the first call and stay loaded in the worker for the next ones.
 */
export async function createLocalGgufModel(path: string, env: NodeJS.ProcessEnv, local: LocalModels | undefined): Promise<LanguageModel> {
  if (!existsSync(path)) throw new AuraError('NOT_FOUND', `The model file ${path} does not exist.`, 'Point to a .gguf file on this machine.');
  if (!local) throw new AuraError('INTERNAL', 'Local models run in the model worker, which this process has not set up.');
  return new LocalGgufLanguageModel(path, nodeLlamaCppDir(env, local.appRoot), local.worker());
}
