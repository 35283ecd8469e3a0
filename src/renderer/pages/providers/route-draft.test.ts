import { describe, expect, it } from '@jest/globals';
import type { ModelRoutes } from '../../../shared/providers';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { emptyDraftRef, fromDraft, moveItem, refFromDetected, sameModelForAllRoles, toDraft, withAccount } from './route-draft';

const routes: ModelRoutes = {
  planner: [{ provider: 'anthropic', model: 'claude-sonnet-4-5' }],
  executor: [
    { provider: 'openai-compatible', preset: 'ollama', model: 'qwen3:8b', baseUrl: 'http://127.0.0.1:11434/v1' },
    { provider: 'openai', model: 'gpt-4.1-mini', account: '2f1c4a8e-6a7b-4c1d-9e2f-3a4b5c6d7e8f' },
  ],
  reviewer: [],
};

describe('route drafts', () => {
  it('round-trips saved routes', () => {
    expect(fromDraft(toDraft(routes))).toEqual(routes);
  });

  it('gives every model its own key', () => {
    const draft = toDraft(routes);
    const keys = [...draft.planner, ...draft.executor, emptyDraftRef()].map((ref) => ref.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('trims, leaves out empty fields and keeps a preset only for OpenAI-compatible servers', () => {
    const draft = toDraft({ planner: [], executor: [], reviewer: [] });
    draft.planner.push({ key: 'a', provider: 'openai', preset: 'ollama', model: '  gpt-4.1 ', baseUrl: '  ', account: '' });
    draft.reviewer.push({ key: 'b', provider: 'openai-compatible', preset: '', model: 'm', baseUrl: ' http://localhost:8000/v1 ', account: '' });
    expect(fromDraft(draft)).toEqual({
      planner: [{ provider: 'openai', model: 'gpt-4.1' }],
      executor: [],
      reviewer: [{ provider: 'openai-compatible', model: 'm', baseUrl: 'http://localhost:8000/v1' }],
    });
  });

  it('moves an item up or down, and not past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a'], 5, 1)).toEqual(['a']);
  });

  it('turns a detected provider into the same route for every role', () => {
    const ref = refFromDetected({ provider: 'openai-compatible', preset: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1', source: 'local-server', models: ['llama-3.2'], label: 'LM Studio' }, ' llama-3.2 ');
    expect(ref).toEqual({ provider: 'openai-compatible', preset: 'lmstudio', baseUrl: 'http://127.0.0.1:1234/v1', model: 'llama-3.2' });
    expect(refFromDetected({ provider: 'anthropic', source: 'environment', models: [], label: 'Anthropic' }, 'claude-haiku-4-5')).toEqual({ provider: 'anthropic', model: 'claude-haiku-4-5' });
    expect(sameModelForAllRoles(ref)).toEqual({ planner: [ref], executor: [ref], reviewer: [ref] });
  });

  it('names an account in a route entry with its provider and endpoint, and drops it again', () => {
    const account: ProviderAccount = {
      id: '2f1c4a8e-6a7b-4c1d-9e2f-3a4b5c6d7e8f',
      name: 'Box',
      provider: 'openai-compatible',
      preset: 'vllm',
      baseUrl: 'http://10.0.0.2:8000/v1',
      key: { kind: 'none', hint: null, locked: false },
      monthlyBudgetUsd: null,
      spentThisMonthUsd: 0,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const ref = withAccount({ ...emptyDraftRef(), model: 'qwen' }, account);
    expect(fromDraft({ planner: [ref], executor: [], reviewer: [] }).planner).toEqual([{ provider: 'openai-compatible', preset: 'vllm', baseUrl: 'http://10.0.0.2:8000/v1', model: 'qwen', account: account.id }]);
    expect(fromDraft({ planner: [withAccount(ref, null)], executor: [], reviewer: [] }).planner[0]).not.toHaveProperty('account');
  });
});
