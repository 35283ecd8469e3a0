import { describe, expect, it } from '@jest/globals';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { endpointOf, isLocalAccount, keyShown } from './account-display';

const base: ProviderAccount = {
  id: '2f1c4a8e-6a7b-4c1d-9e2f-3a4b5c6d7e8f',
  name: 'A',
  provider: 'openai-compatible',
  preset: 'ollama',
  baseUrl: null,
  key: { kind: 'none', hint: null, locked: false },
  monthlyBudgetUsd: null,
  spentThisMonthUsd: 0,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('account display', () => {
  it('shows the masked hint only while the vault is open, and says when there is no key', () => {
    expect(keyShown({ ...base, key: { kind: 'vault', hint: '…abcd', locked: false } })).toEqual({ kind: 'hint', hint: '…abcd' });
    expect(keyShown({ ...base, key: { kind: 'vault', hint: null, locked: true } })).toEqual({ kind: 'locked' });
    expect(keyShown({ ...base, key: { kind: 'vault', hint: null, locked: false } })).toEqual({ kind: 'sealed' });
    expect(keyShown(base)).toEqual({ kind: 'none' });
  });

  it('names the endpoint: its own, the preset address, or none for a hosted API', () => {
    expect(endpointOf(base)).toBe('http://127.0.0.1:11434/v1');
    expect(endpointOf({ ...base, baseUrl: 'http://gpu:8000/v1' })).toBe('http://gpu:8000/v1');
    expect(endpointOf({ ...base, provider: 'openai', preset: null })).toBeNull();
  });

  it('knows a server on this machine', () => {
    expect(isLocalAccount(base)).toBe(true);
    expect(isLocalAccount({ ...base, preset: null, baseUrl: 'http://localhost:9000/v1' })).toBe(true);
    expect(isLocalAccount({ ...base, preset: 'openrouter' })).toBe(false);
    expect(isLocalAccount({ ...base, provider: 'openai', preset: null })).toBe(false);
  });
});
