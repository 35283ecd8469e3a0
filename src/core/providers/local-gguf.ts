import { existsSync } from 'node:fs';
import type { LanguageModel } from 'ai';
import { AuraError } from '../../shared/errors';

/**
 * A GGUF model file run in-process by node-llama-cpp. The package brings ~700 MB of GPU builds, so it is
 * not a dependency: it is loaded only when a local model is used, and the user installs it on purpose.
 */
export async function createLocalGgufModel(path: string): Promise<LanguageModel> {
  if (!existsSync(path)) throw new AuraError('NOT_FOUND', `The model file ${path} does not exist.`, 'Point to a .gguf file on this machine.');
  try {
    // A variable specifier keeps bundlers from pulling the package into the app.
    const specifier = 'node-llama-cpp';
    await import(specifier);
  } catch {
    throw new AuraError('BAD_REQUEST', 'Local GGUF models need node-llama-cpp, which is not installed.', 'Run `npm install node-llama-cpp` in the Aura Work folder (about 700 MB), then try again.');
  }
  throw new AuraError('BAD_REQUEST', 'Local GGUF models are not supported in this version yet.', 'Serve the file with llama.cpp server or Ollama and use the OpenAI-compatible provider.');
}
