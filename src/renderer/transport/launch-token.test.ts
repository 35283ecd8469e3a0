import { describe, expect, it } from '@jest/globals';
import { takeLaunchToken, TOKEN_STORAGE_KEY, type TokenEnvironment } from './launch-token';

function environment(href: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    location: { href },
    history: { state: null, replaceState: (_state, _title, url) => void replaced.push(String(url)) },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  return { env, storage, replaced };
}

describe('takeLaunchToken', () => {
  it('moves the token from the URL to sessionStorage and keeps the rest of the URL', () => {
    const { env, storage, replaced } = environment('http://127.0.0.1:47899/?token=abc&x=1#/audit-log');
    expect(takeLaunchToken(env)).toBe('abc');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaced).toEqual(['/?x=1#/audit-log']);
  });

  it('reads the stored token on later loads and leaves the URL alone', () => {
    const { env, replaced } = environment('http://127.0.0.1:47899/#/dashboard', 'stored');
    expect(takeLaunchToken(env)).toBe('stored');
    expect(replaced).toEqual([]);
  });

  it('returns null without a token anywhere', () => {
    expect(takeLaunchToken(environment('http://127.0.0.1:47899/').env)).toBeNull();
  });
});
