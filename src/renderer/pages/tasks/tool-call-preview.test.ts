import { describe, expect, it } from '@jest/globals';
import { diffLines, inputSummary, outputDiff, previewValue } from './tool-call-preview';

describe('inputSummary', () => {
  it('picks the field that names what the call is about', () => {
    expect(inputSummary({ path: 'src/a.ts', content: 'x' })).toBe('src/a.ts');
    expect(inputSummary({ pattern: '*.md' })).toBe('*.md');
    expect(inputSummary({ other: 1 })).toBeNull();
    expect(inputSummary({ path: '  ' })).toBeNull();
    expect(inputSummary('text')).toBeNull();
    expect(inputSummary(null)).toBeNull();
  });
});

describe('previewValue', () => {
  it('pretty-prints and cuts long values', () => {
    expect(previewValue({ a: 1 })).toEqual({ text: '{\n  "a": 1\n}', truncated: false, length: 12 });
    expect(previewValue('plain')).toEqual({ text: 'plain', truncated: false, length: 5 });
    expect(previewValue('x'.repeat(50), 10)).toEqual({ text: `${'x'.repeat(10)}…`, truncated: true, length: 50 });
    expect(previewValue(undefined).text).toBe('undefined');
  });
});

describe('outputDiff and diffLines', () => {
  const diff = ['Index: a/README.md', '===', '--- a/README.md', '+++ b/README.md', '@@ -1,2 +1,2 @@', ' # Site', '-Helo', '+Hello', ''].join('\n');

  it('finds the diff of an edit', () => {
    expect(outputDiff({ path: 'README.md', replacements: 1, diff })).toBe(diff);
    expect(outputDiff({ diff: '' })).toBeNull();
    expect(outputDiff({ diff: 3 })).toBeNull();
    expect(outputDiff('diff')).toBeNull();
  });

  it('classifies each line', () => {
    expect(diffLines(diff).lines.map((line) => line.kind)).toEqual(['file', 'file', 'file', 'file', 'hunk', 'context', 'removed', 'added']);
  });

  it('shows at most maxLines lines and says how many are hidden', () => {
    const long = Array.from({ length: 10 }, (_, i) => `+${i}`).join('\n');
    expect(diffLines(long, 4)).toEqual({ lines: ['+0', '+1', '+2', '+3'].map((text) => ({ kind: 'added', text })), hidden: 6 });
  });
});
