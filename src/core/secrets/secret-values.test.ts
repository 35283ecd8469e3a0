import { afterEach, describe, expect, it } from '@jest/globals';
import { RedactingStream } from './redacting-stream';
import { capRedacted, clearSecretsForTests, redactDeep, redactSecrets, registerEnvironmentSecrets, registerSecret } from './secret-values';

afterEach(() => clearSecretsForTests());

describe('secret values', () => {
  it('redacts every registered value wherever it appears, in each spelling', () => {
    registerSecret('sk-live-abc/def+123456');
    const text = `key sk-live-abc/def+123456, url ${encodeURIComponent('sk-live-abc/def+123456')}, json ${JSON.stringify('sk-live-abc/def+123456')}`;
    expect(redactSecrets(text)).not.toMatch(/abc|def\+|123456/);
    expect(redactSecrets(text).match(/\[secret redacted\]/g)).toHaveLength(3);
  });

  it('takes secrets from the environment by their names, and ignores short values and other variables', () => {
    registerEnvironmentSecrets({ OPENAI_API_KEY: 'sk-proj-0123456789abcdef', GITHUB_TOKEN: 'ghp_0123456789abcdefXYZ', HOME: '/home/someone/long/path', SHORT_TOKEN: 'abc' });
    expect(redactSecrets('sk-proj-0123456789abcdef ghp_0123456789abcdefXYZ /home/someone/long/path abc')).toBe('[secret redacted] [secret redacted] /home/someone/long/path abc');
  });

  it('redacts inside nested values and keys, and returns untouched values as they are', () => {
    registerSecret('0123456789abcdef-secret');
    const clean = { a: [1, 'x', { b: null }] };
    expect(redactDeep(clean)).toBe(clean);
    expect(redactDeep({ list: ['ok', 'has 0123456789abcdef-secret'], ['0123456789abcdef-secret']: 1 })).toEqual({ list: ['ok', 'has [secret redacted]'], '[secret redacted]': 1 });
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    registerSecret('abcdefghijkl');
    registerSecret('abcdefghijkl-and-more-1234');
    expect(redactSecrets('abcdefghijkl-and-more-1234')).toBe('[secret redacted]');
  });

  it('masks non-plain or very deep values whole when they hold a secret', () => {
    registerSecret('0123456789abcdef-secret');
    let deep: unknown = 'has 0123456789abcdef-secret';
    for (let i = 0; i < 100; i += 1) deep = { next: deep };
    expect(JSON.stringify(redactDeep(deep))).not.toContain('0123456789abcdef-secret');
    expect(redactDeep({ map: new Map([['k', '0123456789abcdef-secret']]), date: new Date(0) })).toEqual({ map: expect.anything(), date: new Date(0) });
    class Box {
      constructor(readonly inside: string) {}
    }
    expect(redactDeep({ box: new Box('0123456789abcdef-secret') })).toEqual({ box: '[secret redacted]' });
  });

  it('catches a secret cut across streamed pieces, and cuts only after redacting', () => {
    registerSecret('sk-stream-0123456789abcdef');
    const stream = new RedactingStream();
    const out = ['The key is sk-st', 'ream-0123', '456789abcdef, done.'].map((piece) => stream.push(piece)).join('') + stream.release();
    expect(out).toBe('The key is [secret redacted], done.');
    expect(capRedacted('x'.repeat(10) + 'sk-stream-0123456789abcdef', 30)).toBe(`${'x'.repeat(10)}[secret redacted]`);
  });
});
