import { existsSync } from 'node:fs';
import type { LanguageModel } from 'ai';
import { AuraError } from '../../shared/errors';
import { LocalGgufLanguageModel } from './local-gguf/gguf-language-model';
import { loadNodeLlamaCpp } from './local-gguf/library-loader';

export { releaseLocalGgufModels } from './local-gguf/model-cache';

/**
 * A GGUF model file run in-process by node-llama-cpp. The package brings ~700 MB of GPU builds, so it is
 * not a dependency: it is loaded only when a local model is used, and the user installs it on purpose.
 * The weights load on the first call and stay loaded for the next ones.
 */
export async function createLocalGgufModel(path: string, env: NodeJS.ProcessEnv = process.env): Promise<LanguageModel> {
  if (!existsSync(path)) throw new AuraError('NOT_FOUND', `The model file ${path} does not exist.`, 'Point to a .gguf file on this machine.');
  return new LocalGgufLanguageModel(path, await loadNodeLlamaCpp(env));
}
