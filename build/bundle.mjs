// Bundles every Node-side entry (hosts, CLI, preload) with esbuild; the renderer is built by Vite.
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native modules and the rest of node_modules are loaded at run time, not inlined.
  packages: 'external',
};

rmSync('dist', { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: {
      start: './src/main/start.ts',
      'electron-main': './src/main/electron/index.ts',
    },
    outdir: 'dist',
  }),
  build({ ...common, entryPoints: { cli: './src/cli/index.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  // A sandboxed preload may only require('electron'): everything else is inlined.
  build({
    ...common,
    packages: undefined,
    external: ['electron'],
    entryPoints: { preload: './src/preload/index.ts' },
    outdir: 'dist',
  }),
]);
chmodSync('dist/cli.js', 0o755);
