import { describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import { isBuiltinId, profileName } from './profile-name';

const t = ((key: string) => `t(${key})`) as unknown as TFunction;

describe('profileName', () => {
  it('translates built-in profiles, keeps custom names, and falls back to the id', () => {
    expect(profileName(t, 'ask', { name: 'Ask every time' })).toBe('t(approvals.builtin.ask.name)');
    expect(profileName(t, 'my-rules-1', { name: 'My rules' })).toBe('My rules');
    expect(profileName(t, 'gone', undefined)).toBe('gone');
    expect(isBuiltinId('yes')).toBe(true);
    expect(isBuiltinId('yes-2')).toBe(false);
  });
});
