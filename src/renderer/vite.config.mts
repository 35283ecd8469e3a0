import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { monacoCsp } from '../../build/monaco-csp-patches.mjs';

// Paths are relative to this folder (the Vite root), so the config needs no Node path imports,
// which the renderer's lint layer forbids. Vite replaces import.meta.dirname with this file's folder.
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the same build is served from http://127.0.0.1:<port>/ and from app://.
  base: './',
  // Monaco under the strict CSP: see build/monaco-csp-patches.mjs.
  plugins: [react(), monacoCsp(`${import.meta.dirname}/components/monaco/monaco-styles.ts`)],
  // Module workers (Monaco's editor worker), each its own file served from 'self'.
  worker: { format: 'es' },
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    // Everything is served locally; a single modern target avoids legacy shims.
    target: 'es2022',
    sourcemap: true,
    // The default 500 kB warning is meant for pages fetched over a network; this bundle is read from
    // local disk, where one chunk loads faster than several. React DOM and zod are most of it.
    chunkSizeWarningLimit: 768,
  },
});
