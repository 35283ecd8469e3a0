import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { highlightCode, type CodeToken } from './code-highlighter';
import type { GrammarName } from './code-languages';

const text = (lines: CodeToken[][]) => lines.map((line) => line.map((token) => token.content).join('')).join('\n');
const kindOf = (lines: CodeToken[][], content: string) => lines.flat().find((token) => token.content === content)?.kind;

describe('highlightCode', () => {
  const realFunction = globalThis.Function;
  afterEach(() => {
    globalThis.Function = realFunction;
    jest.restoreAllMocks();
  });

  // First in this file, so that the highlighter is built and its first grammar compiled under the traps.
  it('colours TypeScript without eval, new Function or WebAssembly (the CSP allows none of them)', async () => {
    const evaluated = jest.fn();
    jest.spyOn(globalThis, 'eval').mockImplementation((code) => evaluated(code));
    globalThis.Function = new Proxy(realFunction, {
      apply: (_target, _this, args) => evaluated(args),
      construct: (_target, args) => evaluated(args) as object,
    });
    const wasm = [jest.spyOn(WebAssembly, 'instantiate'), jest.spyOn(WebAssembly, 'compile'), jest.spyOn(WebAssembly, 'Module')];

    const source = 'const answer: number = 42;\n// the answer\nexport function ask(q: string) {\n  return `${q}?`;\n}';
    const lines = await highlightCode(source, 'typescript');

    expect(evaluated).not.toHaveBeenCalled();
    for (const spy of wasm) expect(spy).not.toHaveBeenCalled();
    expect(lines).toHaveLength(5);
    expect(text(lines)).toBe(source);
    expect(kindOf(lines, 'const')).toBe('keyword');
    expect(kindOf(lines, '42')).toBe('constant');
    expect(kindOf(lines, '// the answer')).toBe('comment');
    expect(kindOf(lines, 'ask')).toBe('function');
  });

  it('loads every grammar the app ships and colours a sample of each', async () => {
    const samples: Record<GrammarName, string> = {
      typescript: 'let a: string = "x";',
      javascript: 'const a = "x"; // note',
      json: '{ "key": true }',
      shellscript: 'echo "hi" # note',
      python: 'def f(x):\n    return "x"  # note',
      diff: '--- a\n+++ b\n-old\n+new',
      html: '<div class="a">hi</div>',
      css: '.a { color: red; }',
      yaml: 'key: "value" # note',
      markdown: '# Title\n\n**bold** [docs](https://example.com)',
      sql: "SELECT * FROM t WHERE a = 'x';",
      rust: 'fn main() { let s = "x"; }',
      go: 'func main() { s := "x" }',
    };
    for (const [grammar, source] of Object.entries(samples) as [GrammarName, string][]) {
      const lines = await highlightCode(source, grammar);
      expect({ grammar, text: text(lines) }).toEqual({ grammar, text: source });
      expect({ grammar, coloured: lines.flat().some((token) => token.kind) }).toEqual({ grammar, coloured: true });
    }
  }, 60_000);

  it('leaves a minified line plain rather than tokenizing it', async () => {
    const long = `const a = [${'1, '.repeat(1_000)}];`;
    const lines = await highlightCode(`${long}\nconst b = 2;`, 'typescript');
    expect(lines[0]).toEqual([{ content: long }]);
    expect(kindOf(lines, 'const')).toBe('keyword');
  });
});
