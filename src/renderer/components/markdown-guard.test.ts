import { describe, expect, it } from '@jest/globals';
import { HOSTILE_SHAPES } from './markdown-fixtures';
import { MAX_MARKDOWN_CHARS, parsesQuickly } from './markdown-guard';

describe('parsesQuickly', () => {
  it('lets ordinary rich Markdown through', () => {
    const message = [
      '# Plan',
      '',
      'I will **read** the *config*, then ~~guess~~ check [the docs](https://example.com) and `a * b`.',
      '',
      '1. First',
      '   - nested *item*',
      '     - deeper [link](https://x.test)',
      '2. Second',
      '',
      '> a quote with **bold**',
      '> > and a nested one',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '* * *',
      '',
      '```ts',
      `const grid = ${'['.repeat(60)}${']'.repeat(60)}; // ${'*'.repeat(80)}`,
      '```',
      '',
      `snake_case_${'name_'.repeat(40)} and 2 * 3 * 4 and ${'**bold** '.repeat(200)}`,
    ].join('\n');
    expect(parsesQuickly(message)).toBe(true);
    expect(parsesQuickly('x'.repeat(MAX_MARKDOWN_CHARS))).toBe(true);
  });

  it('turns away messages past the length cap', () => {
    expect(parsesQuickly('x'.repeat(MAX_MARKDOWN_CHARS + 1))).toBe(false);
  });

  it.each(Object.entries(HOSTILE_SHAPES))('turns away %s', (_, shape) => {
    expect(parsesQuickly(shape(4_000))).toBe(false);
  });

  it('counts the text of each list item, heading and table row on its own', () => {
    const items = Array.from({ length: 400 }, (_, n) => `- item **${n}** and *more*`).join('\n');
    const rows = ['| a | b |', '|:--|--:|', ...Array.from({ length: 400 }, (_, n) => `| **${n}** | *x* |`)].join('\n');
    const headings = Array.from({ length: 400 }, (_, n) => `## **${n}** *x*`).join('\n');
    for (const source of [items, rows, headings]) expect(parsesQuickly(source)).toBe(true);
    // Without those breaks the same text is one paragraph, read as a whole.
    expect(parsesQuickly(Array.from({ length: 400 }, (_, n) => `text **${n}** and *more*`).join('\n'))).toBe(false);
  });

  it('does not count what a fence holds, nor what a backslash escapes', () => {
    expect(parsesQuickly(`~~~\n${'> '.repeat(100)}\n${'['.repeat(100)}\n~~~\n\ndone`)).toBe(true);
    expect(parsesQuickly('\\['.repeat(100))).toBe(true);
    // An unclosed fence runs to the end, as it does for the parser.
    expect(parsesQuickly(`\`\`\`\n${'['.repeat(100)}`)).toBe(true);
  });
});
