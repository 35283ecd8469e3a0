import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { AuraError } from '../../../shared/errors';
import { LIBRARY_DIR_VARIABLE, localModelInstallHint } from '../../../shared/model-worker';

/**
 * Where the model worker loads node-llama-cpp from, resolved in the host from the app's install: the
 * folder AURA_NODE_LLAMA_CPP_DIR names (made absolute, and checked to hold it), else where
 * `npm run local-llm:install` puts it under the app's folder, else null (the worker then looks beside
 * its own file). Never the current directory.
 */
export function nodeLlamaCppDir(env: NodeJS.ProcessEnv, appRoot: string): string | null {
  const named = env[LIBRARY_DIR_VARIABLE];
  if (named) {
    const dir = resolve(named);
    try {
      createRequire(join(dir, 'index.js')).resolve('node-llama-cpp');
    } catch {
      throw new AuraError('BAD_REQUEST', `${LIBRARY_DIR_VARIABLE} is ${dir}, but node-llama-cpp is not installed there.`, localModelInstallHint(process.platform, process.arch));
    }
    return dir;
  }
  const installed = join(appRoot, 'node_modules', '.cache', 'aura-local-llm');
  return existsSync(installed) ? installed : null;
}
