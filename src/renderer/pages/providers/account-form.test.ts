import { describe, expect, it } from '@jest/globals';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { addAccountInput, editOf, needsKey, parseBudget, prefillBaseUrl, presetBaseUrl, updateAccountInput, type AccountDraft } from './account-form';

const draft = (over: Partial<AccountDraft> = {}): AccountDraft => ({ provider: 'openai-compatible', preset: 'ollama', name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', budget: '', ...over });
const KEY = 'sk-test-0123456789';

const account: ProviderAccount = {
  id: '2f1c4a8e-6a7b-4c1d-9e2f-3a4b5c6d7e8f',
  name: 'Work',
  provider: 'openai',
  preset: null,
  baseUrl: null,
  key: { kind: 'vault', hint: '…6789', locked: false },
  monthlyBudgetUsd: 20,
  spentThisMonthUsd: 3,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('base URL prefill', () => {
  it('prefills the preset address and nothing for the hosted APIs', () => {
    expect(presetBaseUrl({ provider: 'openai-compatible', preset: 'lmstudio' })).toBe('http://127.0.0.1:1234/v1');
    expect(presetBaseUrl({ provider: 'openai-compatible', preset: 'openrouter' })).toBe('https://openrouter.ai/api/v1');
    expect(presetBaseUrl({ provider: 'openai-compatible', preset: '' })).toBe('');
    expect(presetBaseUrl({ provider: 'anthropic', preset: 'ollama' })).toBe('');
  });

  it('follows the preset until the user types an address of their own', () => {
    const ollama = { provider: 'openai-compatible', preset: 'ollama' } as const;
    const vllm = { provider: 'openai-compatible', preset: 'vllm' } as const;
    expect(prefillBaseUrl('', ollama, vllm)).toBe('http://127.0.0.1:8000/v1');
    expect(prefillBaseUrl('http://127.0.0.1:11434/v1', ollama, vllm)).toBe('http://127.0.0.1:8000/v1');
    expect(prefillBaseUrl('http://gpu-box:11434/v1', ollama, vllm)).toBe('http://gpu-box:11434/v1');
    expect(prefillBaseUrl('http://127.0.0.1:11434/v1', ollama, { provider: 'openai', preset: '' })).toBe('');
  });
});

describe('which accounts need a key', () => {
  it('asks one of hosted APIs and OpenRouter, not of local servers or custom ones', () => {
    expect(needsKey({ provider: 'openai', preset: '' })).toBe(true);
    expect(needsKey({ provider: 'anthropic', preset: '' })).toBe(true);
    expect(needsKey({ provider: 'openai-compatible', preset: 'openrouter' })).toBe(true);
    expect(needsKey({ provider: 'openai-compatible', preset: 'llamacpp' })).toBe(false);
    expect(needsKey({ provider: 'openai-compatible', preset: '' })).toBe(false);
  });
});

describe('budget', () => {
  it('reads empty as none, decimals with a point or a comma, and refuses the rest', () => {
    expect(parseBudget('  ')).toBeNull();
    expect(parseBudget('12.5')).toBe(12.5);
    expect(parseBudget('12,5')).toBe(12.5);
    expect(parseBudget('0')).toBe(0);
    expect(parseBudget('-1')).toBe('invalid');
    expect(parseBudget('ten')).toBe('invalid');
  });
});

describe('the add form', () => {
  it('builds the contract input, trimmed, with only the fields given', () => {
    expect(addAccountInput(draft({ name: '  Home Ollama ', budget: '' }), '', false)).toEqual({
      ok: true,
      input: { name: 'Home Ollama', provider: 'openai-compatible', preset: 'ollama' },
    });
    expect(addAccountInput(draft({ baseUrl: 'http://127.0.0.1:11500/v1' }), '', true)).toEqual({ ok: true, input: { name: 'Ollama', provider: 'openai-compatible', preset: 'ollama', baseUrl: 'http://127.0.0.1:11500/v1' } });
    expect(addAccountInput(draft({ provider: 'openai', preset: 'ollama', name: 'Work', baseUrl: '', budget: '25' }), ` ${KEY} `, true)).toEqual({
      ok: true,
      input: { name: 'Work', provider: 'openai', apiKey: KEY, monthlyBudgetUsd: 25 },
    });
  });

  it('names each field at fault, with the schema of the contract', () => {
    const result = addAccountInput(draft({ name: ' ', baseUrl: 'not a url', budget: '-3' }), 'short', true);
    expect(result).toEqual({ ok: false, errors: { name: 'name', baseUrl: 'baseUrl', apiKey: 'apiKey', budget: 'budget' } });
    expect(addAccountInput(draft(), 'sk key with spaces', true)).toEqual({ ok: false, errors: { apiKey: 'apiKey' } });
  });

  it('asks for a key where one is needed, and for the address of a custom server', () => {
    expect(addAccountInput(draft({ provider: 'anthropic', preset: '', baseUrl: '' }), '', true)).toEqual({ ok: false, errors: { apiKey: 'apiKeyMissing' } });
    expect(addAccountInput(draft({ preset: '', baseUrl: ' ' }), '', true)).toEqual({ ok: false, errors: { baseUrl: 'baseUrlMissing' } });
  });

  it('says the vault is locked instead of sending a key it cannot seal', () => {
    expect(addAccountInput(draft({ provider: 'openai', preset: '', baseUrl: '' }), '', false)).toEqual({ ok: false, errors: { apiKey: 'apiKeyLocked' } });
    expect(addAccountInput(draft(), KEY, false)).toEqual({ ok: false, errors: { apiKey: 'apiKeyLocked' } });
  });
});

describe('the edit form', () => {
  it('sends only what changed, and nothing when nothing did', () => {
    expect(updateAccountInput(account, editOf(account), '', true)).toEqual({ ok: true, input: null });
    expect(updateAccountInput(account, { ...editOf(account), name: ' Personal ', budget: '' }, '', true)).toEqual({ ok: true, input: { account: account.id, name: 'Personal', monthlyBudgetUsd: null } });
    expect(updateAccountInput(account, { ...editOf(account), baseUrl: 'https://proxy.example/v1' }, KEY, true)).toEqual({ ok: true, input: { account: account.id, baseUrl: 'https://proxy.example/v1', apiKey: KEY } });
    expect(updateAccountInput({ ...account, baseUrl: 'https://proxy.example/v1' }, { ...editOf(account), baseUrl: '' }, '', true)).toEqual({ ok: true, input: { account: account.id, baseUrl: null } });
  });

  it('refuses a bad field and a replacement key while the vault is locked', () => {
    expect(updateAccountInput(account, { ...editOf(account), name: '', budget: 'x' }, '', true)).toEqual({ ok: false, errors: { name: 'name', budget: 'budget' } });
    expect(updateAccountInput(account, editOf(account), KEY, false)).toEqual({ ok: false, errors: { apiKey: 'apiKeyLocked' } });
  });
});
