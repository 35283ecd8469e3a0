// Bundles every Node-side entry (hosts, CLI, preload) with esbuild; the renderer is built by Vite.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { buildExtension } from './extension.mjs';

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

/** Leaves `import('./command-line')` in the CLI entry as a run-time require of dist/cli-commands.js. */
const commandsApart = {
  name: 'commands-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/command-line$/ }, () => ({ path: './cli-commands.js', external: true }));
  },
};

rmSync('dist', { recursive: true, force: true });
// First, what is derived from the contract once here, so neither the CLI nor the preload loads zod: the CLI's
// commands, arguments and help, and the names of the procedures and events.
await build({ ...common, entryPoints: { 'cli-manifest': './build/cli-manifest.ts' }, outdir: 'dist/.build', sourcemap: false });
execFileSync(process.execPath, ['dist/.build/cli-manifest.js', 'dist/cli-manifest.json', 'dist/.build/contract-names.json'], { stdio: 'inherit' });
const contractNames = readFileSync('dist/.build/contract-names.json', 'utf8');
await Promise.all([
  // The Chrome extension, into dist/extension.
  buildExtension(),
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
    plugins: [commandsApart],
    supported: { 'dynamic-import': false },
  }),
  build({ ...common, entryPoints: { 'cli-commands': './src/cli/command-line.ts' }, outdir: 'dist', supported: { 'dynamic-import': false } }),
  // Worker processes, which core/workers starts from dist/workers/<name>.js.
  build({ ...common, entryPoints: { 'workers/model': './src/workers/model/main.ts', 'workers/vm': './src/workers/vm/main.ts', 'workers/browser': './src/workers/browser/main.ts' }, outdir: 'dist' }),
  // The computer-use worker: screenshots and mouse and keyboard input on an X display.
  build({ ...common, entryPoints: { 'workers/computer': './src/workers/computer/main.ts' }, outdir: 'dist' }),
  // The MCP worker: stdio MCP servers, each in its sandbox.
  build({ ...common, entryPoints: { 'workers/mcp': './src/workers/mcp/main.ts' }, outdir: 'dist' }),
  // A sandboxed preload may only require('electron'): everything else is inlined.
  build({
    ...common,
    packages: undefined,
    external: ['electron'],
    entryPoints: { preload: './src/preload/index.ts' },
    define: { AURA_CONTRACT_NAMES: contractNames },
    outdir: 'dist',
  }),
]);
chmodSync('dist/cli.js', 0o755);
rmSync('dist/.build', { recursive: true, force: true });
