/** The grammars the app ships for fenced code; each loads only when a message needs it. */
export type GrammarName = 'typescript' | 'javascript' | 'json' | 'shellscript' | 'python' | 'diff' | 'html' | 'css' | 'yaml' | 'markdown' | 'sql' | 'rust' | 'go';

/** Past this many characters a block stays plain text: tokenizing runs on the UI thread. */
export const MAX_HIGHLIGHTED_CHARS = 20_000;

const GRAMMAR_OF: Readonly<Record<string, GrammarName>> = {
  typescript: 'typescript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  javascript: 'javascript',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  json: 'json',
  shellscript: 'shellscript',
  shell: 'shellscript',
  bash: 'shellscript',
  sh: 'shellscript',
  zsh: 'shellscript',
  python: 'python',
  py: 'python',
  diff: 'diff',
  patch: 'diff',
  html: 'html',
  css: 'css',
  yaml: 'yaml',
  yml: 'yaml',
  markdown: 'markdown',
  md: 'markdown',
  sql: 'sql',
  rust: 'rust',
  rs: 'rust',
  go: 'go',
  golang: 'go',
};

/** The grammar to colour a fenced block with, or null to leave it plain (unknown language, or too long). */
export function grammarFor(code: string, lang: string): GrammarName | null {
  if (code.length > MAX_HIGHLIGHTED_CHARS) return null;
  const key = lang.toLowerCase();
  return Object.hasOwn(GRAMMAR_OF, key) ? (GRAMMAR_OF[key] ?? null) : null;
}
