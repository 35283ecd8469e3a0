// Lint, including the layer rules of STYLE.md: renderer, preload and workers see only `shared`;
// core sees only `shared`; only the Electron host (and the preload) may import `electron`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { dirname, relative, resolve, sep } from 'node:path';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

const hostsAndUi = ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/workers/**'];

// What a specifier pattern cannot tell apart, checked on the resolved path: core has a workers/ folder of
// its own (the launcher), which core may import, while src/workers (the worker processes) it may not.
const layerPaths = {
  rules: {
    'no-import-from': {
      meta: { type: 'problem', schema: [{ type: 'object', properties: { folders: { type: 'array' }, message: { type: 'string' } } }] },
      create(context) {
        const { folders, message } = context.options[0];
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const target = relative(context.cwd, resolve(dirname(context.filename), source)).split(sep).join('/');
          if (folders.some((folder) => target === folder || target.startsWith(`${folder}/`))) context.report({ node, message });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => check(node, node.source.value),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(['src/shared/**'], ['**/core/**', ...hostsAndUi, 'electron', 'react', 'node:*'], 'shared holds contracts only.'),
  layer(['src/core/**'], [...hostsAndUi.filter((group) => group !== '**/workers/**'), 'electron', 'react', 'react-dom'], 'core knows no host: import only shared.'),
  {
    files: ['src/core/**'],
    plugins: { layers: layerPaths },
    rules: { 'layers/no-import-from': ['error', { folders: ['src/workers', 'src/main', 'src/renderer', 'src/preload', 'src/cli'], message: 'core knows no host: import only shared (src/workers are worker processes: talk to them through core/workers).' }] },
  },
  layer(['src/renderer/**'], ['**/core/**', '**/main/**', '**/preload/**', '**/cli/**', '**/workers/**', 'electron', 'node:*'], 'the renderer talks to main only through the contract in shared.'),
  layer(['src/preload/**'], ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**', '**/workers/**', 'node:*'], 'the preload exposes the contract, nothing else.'),
  layer(['src/extension/**'], ['**/core/**', '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/workers/**', 'electron', 'react', 'node:*'], 'the browser extension speaks the bridge API: import only shared.'),
  { files: ['src/extension/**/*.test.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/extension/**/*.ts'], languageOptions: { globals: { ...globals.browser, chrome: 'readonly' } } },
  layer(['src/workers/**'], ['**/core/**', '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', 'electron'], 'workers speak the worker protocol in shared.'),
  layer(['src/cli/**', 'src/main/headless/**', 'src/main/start.ts'], ['electron', '**/renderer/**', '**/preload/**'], 'only the Electron host imports electron.'),
);
