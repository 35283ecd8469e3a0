/** Three projects: unit tests beside the code, integration and e2e tests that cross processes. */
// TSX compiles with React's automatic runtime, as tsc ("jsx": "react-jsx") and Vite do.
const swc = { jsc: { target: 'es2022', transform: { react: { runtime: 'automatic' } } } };
const transform = { '^.+\\.(?:[tj]sx?|mjs)$': ['@swc/jest', swc] };
const base = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };

// The renderer's Markdown (react-markdown, remark-gfm, shiki) and most packages under it ship ES modules
// only, so swc compiles them to CommonJS like our own code; the rest of node_modules stays as it is.
const esmOnly = ['react-markdown', 'remark-', 'unified', 'bail', 'trough', 'vfile', 'unist-', 'mdast-', 'hast-', 'micromark', 'devlop',
  'decode-named-character-reference', 'character-', 'parse-entities', 'stringify-entities', 'is-alpha', 'is-decimal', 'is-hexadecimal',
  'property-information', 'space-separated-tokens', 'comma-separated-tokens', 'html-url-attributes', 'html-void-elements',
  'estree-util-', 'is-plain-obj', 'ccount', 'escape-string-regexp', 'markdown-table', 'longest-streak', 'zwitch', 'trim-lines',
  '@ungap/structured-clone', 'shiki', '@shikijs/', 'oniguruma-', 'regex'];
const unit = { ...base, transformIgnorePatterns: [`/node_modules/(?!(?:${esmOnly.join('|')}))`] };

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...unit, displayName: 'unit', roots: ['<rootDir>/src'], testMatch: ['**/*.test.ts'] },
    { ...base, displayName: 'integration', roots: ['<rootDir>/test/integration'], testMatch: ['**/*.test.ts'] },
    { ...base, displayName: 'e2e', roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.test.ts'] },
  ],
};
