import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AuraError } from '../../../shared/errors';
import type { NodeLlamaCpp } from './llama-api';

/** A folder where node-llama-cpp was installed apart from the app (`npm install --prefix <folder> ...`). */
export const LIBRARY_DIR_VARIABLE = 'AURA_NODE_LLAMA_CPP_DIR';

/** node-llama-cpp's prebuilt CPU package for this machine (on Apple silicon it is the Metal build). */
const PLATFORM_NAMES: Partial<Record<string, string>> = { darwin: 'mac', win32: 'win' };
const platform = PLATFORM_NAMES[process.platform] ?? process.platform;
export const PREBUILT = `@node-llama-cpp/${platform}-${process.arch}${platform === 'mac' && process.arch === 'arm64' ? '-metal' : ''}@3`;

// Not `--omit=optional` in the app's own folder: npm would also remove the optional platform binaries
// of the app's other packages. A folder of its own keeps the lean install apart.
const INSTALL_HINT =
  'Run `npm run local-llm:install` in the Aura Work folder (the ~85 MB CPU-only build), or install it anywhere with ' +
  `\`npm install --prefix <folder> --omit=optional node-llama-cpp@3 ${PREBUILT}\` and set ${LIBRARY_DIR_VARIABLE} to that folder.`;

/** Where `npm run local-llm:install` puts it; npm runs Aura Work from its own folder. */
const DEFAULT_DIR = join(process.cwd(), 'node_modules', '.cache', 'aura-local-llm');

let loading: Promise<NodeLlamaCpp> | undefined;

/**
 * node-llama-cpp, imported on first use. It is not a dependency: it brings ~700 MB of GPU builds by
 * default, so the user installs it on purpose, either beside the app or in a folder named by
 * AURA_NODE_LLAMA_CPP_DIR.
 */
export function loadNodeLlamaCpp(env: NodeJS.ProcessEnv = process.env): Promise<NodeLlamaCpp> {
  loading ??= importLibrary(env[LIBRARY_DIR_VARIABLE] ?? (existsSync(DEFAULT_DIR) ? DEFAULT_DIR : undefined)).catch((err: unknown) => {
    loading = undefined; // installing it and trying again must work without a restart
    throw err;
  });
  return loading;
}

async function importLibrary(dir: string | undefined): Promise<NodeLlamaCpp> {
  // A variable specifier keeps bundlers from pulling the package into the app.
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
