import { describe, expect, it } from '@jest/globals';
import { outputPreview, shrinkOutput, toToolCallPreview, utf8Bytes } from './output-preview';
import { OUTPUT_PREVIEW_CHARS, ToolCallPreview } from './task-history';

describe('shrinkOutput', () => {
  it('keeps short values whole', () => {
    expect(shrinkOutput({ path: 'a', n: 1, ok: true, list: [1, 2] }, 100)).toEqual({ value: { path: 'a', n: 1, ok: true, list: [1, 2] }, cut: false });
  });

  it('shortens long strings and keeps the shape around them', () => {
    const { value, cut } = shrinkOutput({ path: 'README.md', content: 'x'.repeat(500) }, 50);
    expect(cut).toBe(true);
    expect(value).toEqual({ path: 'README.md', content: 'x'.repeat(50 - 5 - 9 - 8) });
  });

  it('ends long lists and objects early, however small their items', () => {
    expect(shrinkOutput(Array.from({ length: 1000 }, () => ''), 10)).toEqual({ value: Array.from({ length: 10 }, () => ''), cut: true });
    const { value } = shrinkOutput(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])), 20);
    expect(Object.keys(value as object).length).toBeLessThan(10);
  });

  it('never leaves half a surrogate pair', () => {
    expect(shrinkOutput('a😀b', 2)).toEqual({ value: 'a', cut: true });
  });
});

describe('utf8Bytes', () => {
  it('counts as UTF-8 does', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a\ud800b', 'mixed é € 😀 text']) expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('outputPreview and toToolCallPreview', () => {
  const record = { id: 'c1', taskId: 't', stepId: null, name: 'read', input: {}, status: 'done' as const, risk: 'read' as const, error: null, durationMs: 1, createdAt: 'x' };

  it('leaves a short output alone and measures it', () => {
    expect(outputPreview({ a: 'é' })).toEqual({ output: { a: 'é' }, outputBytes: 10, outputTruncated: false });
    expect(outputPreview(null)).toEqual({ output: null, outputBytes: null, outputTruncated: false });
  });

  it('gives a pushed record the same preview a page would', () => {
    const preview = toToolCallPreview({ ...record, output: { content: 'y'.repeat(10_000) } });
    expect(ToolCallPreview.parse(preview)).toEqual(preview);
    expect(preview).toMatchObject({ outputTruncated: true, outputBytes: 10_014 });
    expect(JSON.stringify(preview.output).length).toBeLessThan(OUTPUT_PREVIEW_CHARS + 20);
  });
});
