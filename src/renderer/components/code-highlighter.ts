import { createCssVariablesTheme, createHighlighterCore, type HighlighterCore, type LanguageRegistration } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import type { GrammarName } from './code-languages';

/*
 * Syntax colouring for fenced code, loaded on demand by CodeBlock so that neither shiki nor any grammar
 * is in the first bundle. The CSP allows neither eval nor WebAssembly, so grammars run on shiki's
 * JavaScript RegExp engine. The theme is shiki's CSS-variables theme: a token's colour comes back as
 * `var(--shiki-token-keyword)`, which becomes the class `code-token--keyword`, and tokens.css colours
 * each kind per app theme. So no style attribute is ever set, one pass colours every theme, and
 * switching themes needs no new tokens.
 */

/** How a token is coloured; text of the `foreground` kind keeps the colour of the block. */
export type TokenKind =
  | 'keyword'
  | 'string'
  | 'string-expression'
  | 'comment'
  | 'constant'
  | 'function'
  | 'parameter'
  | 'punctuation'
  | 'link'
  | 'inserted'
  | 'deleted'
  | 'changed';

/** One run of text of one kind; `italic`, `bold` and `underline` are set only when true. */
export interface CodeToken {
  content: string;
  kind?: TokenKind;
  italic?: true;
  bold?: true;
  underline?: true;
}

type Grammar = () => Promise<{ default: LanguageRegistration[] }>;

// One dynamic import each, so that Vite puts every grammar in a chunk of its own.
const GRAMMARS: Record<GrammarName, Grammar> = {
  typescript: () => import('shiki/langs/typescript.mjs'),
  javascript: () => import('shiki/langs/javascript.mjs'),
  json: () => import('shiki/langs/json.mjs'),
  shellscript: () => import('shiki/langs/shellscript.mjs'),
  python: () => import('shiki/langs/python.mjs'),
  diff: () => import('shiki/langs/diff.mjs'),
  html: () => import('shiki/langs/html.mjs'),
  css: () => import('shiki/langs/css.mjs'),
  yaml: () => import('shiki/langs/yaml.mjs'),
  markdown: () => import('shiki/langs/markdown.mjs'),
  sql: () => import('shiki/langs/sql.mjs'),
  rust: () => import('shiki/langs/rust.mjs'),
  go: () => import('shiki/langs/go.mjs'),
};

const THEME = createCssVariablesTheme({ name: 'aura', variablePrefix: '--shiki-', fontStyle: true });
const TOKEN_KINDS: ReadonlySet<string> = new Set<TokenKind>(['keyword', 'string', 'string-expression', 'comment', 'constant', 'function', 'parameter', 'punctuation', 'link', 'inserted', 'deleted', 'changed']);
const KIND_OF_COLOR = /^var\(--shiki-token-([a-z-]+)\)$/;
// vscode-textmate's FontStyle bits.
const ITALIC = 1;
const BOLD = 2;
const UNDERLINE = 4;

let highlighter: Promise<HighlighterCore> | undefined;
const loaded = new Map<GrammarName, Promise<void>>();

async function highlighterWith(grammar: GrammarName, code: string): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [THEME],
    langs: [],
    // `forgiving` skips the few patterns RegExp cannot express instead of failing the whole grammar.
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
  const core = await highlighter;
  let load = loaded.get(grammar);
  if (!load) {
    load = GRAMMARS[grammar]().then(({ default: registration }) => {
      core.loadLanguageSync(registration);
      // The engine compiles a grammar's expressions on first use, which for the big ones takes a few
      // hundred milliseconds that shiki would count against the first line's time limit and leave that
      // line uncoloured. Compile them on a short sample, without the limit, before the real pass.
      core.codeToTokensBase(code.slice(0, 200), { lang: grammar, theme: THEME.name, tokenizeTimeLimit: 0 });
    });
    // A grammar that failed to load (a chunk that did not arrive) is tried again by the next block.
    load.catch(() => loaded.delete(grammar));
    loaded.set(grammar, load);
  }
  await load;
  return core;
}

/** The lines of `code` as tokens coloured by kind. */
export async function highlightCode(code: string, grammar: GrammarName): Promise<CodeToken[][]> {
  const core = await highlighterWith(grammar, code);
  // A minified line is not worth colouring: past this length a line stays one plain token.
  const lines = core.codeToTokensBase(code, { lang: grammar, theme: THEME.name, tokenizeMaxLineLength: 2_000 });
  return lines.map((line) =>
    line.map(({ content, color, fontStyle = 0 }) => {
      const token: CodeToken = { content };
      const kind = KIND_OF_COLOR.exec(color ?? '')?.[1];
      if (kind && TOKEN_KINDS.has(kind)) token.kind = kind as TokenKind;
      if (fontStyle > 0 && fontStyle & ITALIC) token.italic = true;
      if (fontStyle > 0 && fontStyle & BOLD) token.bold = true;
      if (fontStyle > 0 && fontStyle & UNDERLINE) token.underline = true;
      return token;
    }),
  );
}
