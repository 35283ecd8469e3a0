import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AuraError } from '../../shared/errors';
import { LIBRARY_DIR_VARIABLE, localModelInstallHint } from '../../shared/model-worker';
import type { NodeLlamaCpp } from './llama-api';

const INSTALL_HINT = localModelInstallHint(process.platform, process.arch);

/** By folder: the host resolves one folder for the app's install, so this holds one entry. */
const loading = new Map<string | null, Promise<NodeLlamaCpp>>();

/**
 * node-llama-cpp, imported on first use. It is not a dependency: it brings ~700 MB of GPU builds by
 * default, so the user installs it on purpose. `dir` is the folder the host resolved from the app's
 * install (AURA_NODE_LLAMA_CPP_DIR, or where `npm run local-llm:install` puts it); null imports it from
 * beside this worker's own file, never from the current directory.
 */
export function loadNodeLlamaCpp(dir: string | null): Promise<NodeLlamaCpp> {
  let lib = loading.get(dir);
  if (!lib) {
    lib = importLibrary(dir);
    loading.set(dir, lib);
    // Installing it and trying again must work without a restart.
    lib.catch(() => loading.delete(dir));
  }
  return lib;
}

async function importLibrary(dir: string | null): Promise<NodeLlamaCpp> {
  // A variable specifier keeps bundlers from pulling the package into the worker.
  let specifier = 'node-llama-cpp';
  if (dir) {
    try {
      // The package is ESM-only: resolve its entry from that folder, then import it by URL.
      specifier = pathToFileURL(createRequire(join(dir, 'index.js')).resolve('node-llama-cpp')).href;
    } catch {
      throw new AuraError('BAD_REQUEST', `${LIBRARY_DIR_VARIABLE} is ${dir}, but node-llama-cpp is not installed there.`, INSTALL_HINT);
    }
  }
  try {
    return (await import(specifier)) as NodeLlamaCpp;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new AuraError('BAD_REQUEST', 'Local GGUF models need node-llama-cpp, which is not installed.', INSTALL_HINT);
    }
    throw new AuraError('BAD_REQUEST', `node-llama-cpp could not be loaded: ${err instanceof Error ? err.message : String(err)}`, INSTALL_HINT);
  }
}
