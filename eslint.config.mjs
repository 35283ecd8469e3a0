// Lint, including the layer rules of STYLE.md: renderer, preload and workers see only `shared`;
// core sees only `shared`; only the Electron host (and the preload) may import `electron`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

const hostsAndUi = ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/workers/**'];

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
  layer(['src/core/**'], [...hostsAndUi, 'electron', 'react', 'react-dom'], 'core knows no host: import only shared.'),
  layer(['src/renderer/**'], ['**/core/**', '**/main/**', '**/preload/**', '**/cli/**', '**/workers/**', 'electron', 'node:*'], 'the renderer talks to main only through the contract in shared.'),
  layer(['src/preload/**'], ['**/core/**', '**/main/**', '**/renderer/**', '**/cli/**', '**/workers/**', 'node:*'], 'the preload exposes the contract, nothing else.'),
  layer(['src/workers/**'], ['**/core/**', '**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', 'electron'], 'workers speak the worker protocol in shared.'),
  layer(['src/cli/**', 'src/main/headless/**', 'src/main/start.ts'], ['electron', '**/renderer/**', '**/preload/**'], 'only the Electron host imports electron.'),
);
