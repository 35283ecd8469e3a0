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

/** Leaves `import('./command-table')` in the CLI entry as a run-time require of dist/cli-command-table.js. */
const commandTableApart = {
  name: 'command-table-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/command-table$/ }, () => ({ path: './cli-command-table.js', external: true }));
  },
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
  // The CLI entry parses argv and answers --help and --version alone; its commands are a second file it
  // requires only when a command runs, so start-up does not even parse them. (A require, not import():
  // the ESM loader would only add its own start-up to every command.)
  build({
    ...common,
    entryPoints: { cli: './src/cli/index.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [commandTableApart],
    supported: { 'dynamic-import': false },
  }),
  build({ ...common, entryPoints: { 'cli-command-table': './src/cli/command-table.ts' }, outdir: 'dist' }),
  // Worker processes, which core/workers starts from dist/workers/<name>.js.
  build({ ...common, entryPoints: { 'workers/model': './src/workers/model/main.ts', 'workers/vm': './src/workers/vm/main.ts' }, outdir: 'dist' }),
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
