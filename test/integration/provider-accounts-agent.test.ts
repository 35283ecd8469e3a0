import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProviderAccount } from '../../src/shared/provider-accounts';
import type { Task } from '../../src/shared/tasks';
import { openHarness, type Harness } from '../support/agent-harness';
import { loadScript } from '../support/llm-server';

jest.setTimeout(90_000);

const KEY = 'sk-agent-account-key-5d4c3b2a1f0e';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Records what an account spent earlier this month, as its model calls would have. */
function spend(h: Harness, accountId: string, usd: number): void {
  const earlier = h.app.tasks.create({ goal: 'an earlier task', workspacePath: h.workspace, profile: 'read-only' }, 'test');
  h.app.store.db
    .prepare("INSERT INTO model_calls (id, task_id, role, provider, model, ok, input_tokens, output_tokens, cost_usd, duration_ms, created_at, account_id) VALUES (?, ?, 'executor', 'openai-compatible', 'model-a', 1, 10, 10, ?, 5, ?, ?)")
    .run(`spent-${usd}`, earlier.id, usd, new Date().toISOString(), accountId);
}

describe('tasks on provider accounts', () => {
  it('pause before a model call once the account\'s monthly budget is spent, and go on after it is raised', async () => {
    harness = await openHarness();
    const account = await harness.call<ProviderAccount>('providers.accounts.add', { name: 'Team server', provider: 'openai-compatible', baseUrl: harness.llm.baseUrl, monthlyBudgetUsd: 1 });
    await harness.call('providers.accounts.use', { account: 'team server', model: 'model-a' });
    spend(harness, account.id, 1.5);

    const task = await harness.create({ goal: 'Create hello.txt containing Hello, Aura', profile: 'yes' });
    const paused = await harness.finish(task.id);
    expect(paused.task.status).toBe('paused');
    expect(paused.task.error).toEqual({
      code: 'BUDGET_EXCEEDED',
      message: 'The provider account "Team server" has spent its monthly budget: $1.50 of $1.00 this month.',
      hint: 'Raise the budget on the Providers page or with `aura providers set "Team server" --monthly-budget-usd N`, then resume the task.',
    });
    expect(harness.llm.requests).toHaveLength(0); // stopped before the call, not after it

    await harness.call('providers.accounts.update', { account: account.id, monthlyBudgetUsd: 10 });
    harness.llm.enqueue(...loadScript('write-file-task'));
    await harness.call<Task>('tasks.resume', { id: task.id });
    const done = await harness.finish(task.id);
    expect(done.task).toMatchObject({ status: 'done', error: null });
    expect(readFileSync(join(harness.workspace, 'hello.txt'), 'utf8')).toBe('Hello, Aura\n');
    expect(done.modelCalls.length).toBeGreaterThan(0);
    expect(done.modelCalls.every((call) => call.accountId === account.id)).toBe(true);
    const moves = harness.app.audit.list({ page: 1, pageSize: 200, action: 'task.transition' }).entries.filter((e) => e.target === task.id).map((e) => `${String(e.detail.from)}→${String(e.detail.to)}`);
    expect(moves.reverse().slice(0, 3)).toEqual(['queued→planning', 'planning→paused', 'paused→planning']);
  });

  it('send the account\'s key from the vault to its server; a locked vault fails the task with the fix, and it resumes once unlocked', async () => {
    harness = await openHarness();
    await harness.call('vault.init', { password: 'agent accounts password' });
    const account = await harness.call<ProviderAccount>('providers.accounts.add', { name: 'keyed', provider: 'openai-compatible', baseUrl: harness.llm.baseUrl, apiKey: KEY });
    await harness.call('providers.accounts.use', { account: 'keyed', model: 'model-a' });
    await harness.call('vault.lock', {});

    const task = await harness.create({ goal: 'Create hello.txt containing Hello, Aura', profile: 'yes' });
    const failed = await harness.finish(task.id);
    expect(failed.task).toMatchObject({ status: 'failed', error: { code: 'UNAUTHORIZED', message: expect.stringContaining('The vault is locked'), hint: expect.stringContaining('then resume the task') } });
    expect(harness.llm.requests).toHaveLength(0);

    await harness.call('vault.unlock', { password: 'agent accounts password' });
    harness.llm.enqueue(...loadScript('write-file-task'));
    await harness.call<Task>('tasks.resume', { id: task.id });
    const done = await harness.finish(task.id);
    expect(done.task.status).toBe('done');
    const calls = harness.llm.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(done.modelCalls.every((call) => call.accountId === account.id)).toBe(true);
  });
});
