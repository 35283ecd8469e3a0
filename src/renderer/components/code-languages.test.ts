import { describe, expect, it } from '@jest/globals';
import { grammarFor, MAX_HIGHLIGHTED_CHARS } from './code-languages';

describe('grammarFor', () => {
  it('knows the shipped grammars by their usual fence names', () => {
    expect(grammarFor('x', 'ts')).toBe('typescript');
    expect(grammarFor('x', 'TypeScript')).toBe('typescript');
    expect(grammarFor('x', 'sh')).toBe('shellscript');
    expect(grammarFor('x', 'yml')).toBe('yaml');
    expect(grammarFor('x', 'golang')).toBe('go');
  });

  it('leaves unknown languages, and no language, as plain text', () => {
    for (const lang of ['', 'text', 'cobol', 'constructor', '__proto__', 'toString']) expect(grammarFor('x', lang)).toBeNull();
  });

  it('leaves blocks past the size cap as plain text', () => {
    expect(grammarFor('x'.repeat(MAX_HIGHLIGHTED_CHARS), 'ts')).toBe('typescript');
    expect(grammarFor('x'.repeat(MAX_HIGHLIGHTED_CHARS + 1), 'ts')).toBeNull();
  });
});
