import { describe, expect, it } from '@jest/globals';
import { testAdvice } from './test-advice';

const failed = (message: string) => ({ ok: false, models: [], latencyMs: 12, message });

describe('test advice', () => {
  it('has none for a test that passed', () => {
    expect(testAdvice({ ok: true, models: ['m'], latencyMs: 5, message: '' }, false)).toBeNull();
  });

  it('points at the key for an authentication failure', () => {
    expect(testAdvice(failed('401 Incorrect API key provided: sk-…[redacted]'), false)).toBe('key');
    expect(testAdvice(failed('Forbidden'), true)).toBe('key');
    expect(testAdvice(failed('the key was refused: bad credentials'), false)).toBe('key');
  });

  it('says to start a local server, or to check a remote address, when nothing answers', () => {
    expect(testAdvice(failed('connect ECONNREFUSED 127.0.0.1:11434'), true)).toBe('startServer');
    expect(testAdvice(failed('fetch failed'), false)).toBe('address');
    expect(testAdvice(failed('Could not reach http://127.0.0.1:9/v1/models (ECONNREFUSED): is the server running, and the base URL right?'), true)).toBe('startServer');
    expect(testAdvice(failed('No answer from https://api.example/v1/models within 10 s.'), false)).toBe('address');
    expect(testAdvice(failed('https://a.example/v1/models redirects elsewhere; the key is not sent on. Check the base URL.'), false)).toBe('address');
    expect(testAdvice(failed('The request timed out after 10 s'), false)).toBe('address');
  });

  it('tells a rate limit apart, and falls back to general advice', () => {
    expect(testAdvice(failed('429 Too Many Requests'), false)).toBe('rateLimited');
    expect(testAdvice(failed('500 upstream exploded'), false)).toBe('other');
  });
});
