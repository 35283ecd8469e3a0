import { describe, expect, it } from '@jest/globals';
import { summarizeDetail } from './detail-summary';

describe('summarizeDetail', () => {
  it('lists keys and values on one line', () => {
    expect(summarizeDetail({ name: 'Site', path: '/home/me/site' })).toBe('name: Site · path: /home/me/site');
    expect(summarizeDetail({ from: null, to: { a: 1 }, n: 2 })).toBe('from: null · to: {"a":1} · n: 2');
  });

  it('flattens whitespace and cuts long text', () => {
    expect(summarizeDetail({ text: 'a\n\tb' })).toBe('text: a b');
    const long = summarizeDetail({ text: 'x'.repeat(500) }, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});
