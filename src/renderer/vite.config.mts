import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are relative to this folder (the Vite root), so the config needs no Node path imports,
// which the renderer's lint layer forbids. Vite replaces import.meta.dirname with this file's folder.
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the same build is served from http://127.0.0.1:<port>/ and from app://.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    // Everything is served locally; a single modern target avoids legacy shims.
    target: 'es2022',
    sourcemap: true,
  },
});
