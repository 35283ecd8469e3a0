import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { moveStyleAttributes } from './style-attributes';

/**
 * Set before any Monaco module runs: Monaco creates its trusted-types policies as its modules load, so
 * MonacoDiff imports this module and only then Monaco's chunk.
 * - The editor worker (diffs are computed there) is a file of the app, served from 'self' like every
 *   script: no blob: or data: URL, no CDN.
 * - Every HTML string Monaco parses goes through `moveStyleAttributes` (see style-attributes.ts).
 */
globalThis.MonacoEnvironment = {
  getWorker: () => new EditorWorker({ name: 'monaco-editor' }),
  createTrustedTypesPolicy: (name, options) => ({
    name,
    ...(options?.createHTML ? { createHTML: (input: string) => moveStyleAttributes(options.createHTML?.(input) ?? input) } : {}),
    ...(options?.createScriptURL ? { createScriptURL: options.createScriptURL } : {}),
  }),
};
