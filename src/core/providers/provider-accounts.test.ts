import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OWNER_CLI, OWNER_UI } from '../../shared/auth';
import type { ProviderAccount } from '../../shared/provider-accounts';
import type { ModelRoutes } from '../../shared/providers';
import { openTempApp } from '../../../test/support/temp-app';
import { keyItem } from './provider-accounts';

jest.setTimeout(60_000);

const CANARY = 'sk-canary-provider-key-0123456789abcdef';
const PASSWORD = 'accounts test password';

let app: ReturnType<typeof openTempApp> | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

async function call<T>(method: string, input: unknown, principal = OWNER_CLI): Promise<T> {
  const reply = await app!.dispatch(method, input, principal);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as T;
}

async function failure(method: string, input: unknown): Promise<{ code: string; message: string; hint?: string }> {
  const reply = await app!.dispatch(method, input, OWNER_CLI);
  if (reply.ok) throw new Error(`${method} succeeded`);
  return reply.error;
}

/** Every byte Aura Work keeps in its data folder, but the vault's sealed file. */
function bytesOnDisk(home: string): string {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
  return files(home)
    .filter((file) => !file.endsWith('vault.json'))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

describe('provider accounts', () => {
  it('keeps the key in the vault only: not in the database, the audit, replies or events', async () => {
    app = openTempApp();
    const events: string[] = [];
    app.events.subscribe((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`));
    await call('vault.init', { password: PASSWORD });
    const added = await call<ProviderAccount>('providers.accounts.add', { name: 'Work OpenAI', provider: 'openai', apiKey: CANARY, monthlyBudgetUsd: 20 });
    expect(added).toMatchObject({ name: 'Work OpenAI', provider: 'openai', baseUrl: null, key: { kind: 'vault', hint: '••••cdef', locked: false }, monthlyBudgetUsd: 20, spentThisMonthUsd: 0 });
    expect(app.vault.get(keyItem(added.id))).toBe(CANARY);

    // Referred to by name in any case, or by id.
    const renamed = await call<ProviderAccount>('providers.accounts.update', { account: 'work openai', name: 'Team OpenAI', monthlyBudgetUsd: 50 });
    expect(renamed).toMatchObject({ id: added.id, name: 'Team OpenAI', monthlyBudgetUsd: 50 });
    await call('providers.accounts.update', { account: added.id, apiKey: `${CANARY}-2` });
    const [listed] = await call<ProviderAccount[]>('providers.accounts.list', {}, OWNER_UI);
    expect(listed?.key.hint).toBe('••••ef-2');

    const audit = app.audit.list({ page: 1, pageSize: 100 }).entries;
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['providers.account.add', 'providers.account.update', 'vault.set']));
    expect(audit.find((entry) => entry.action === 'providers.account.add')).toMatchObject({ target: 'Work OpenAI', detail: { provider: 'openai', key: true } });
    // Nothing of either key anywhere on disk (database, its WAL, logs, checkpoints) nor in any event.
    app.store.db.pragma('wal_checkpoint(FULL)');
    const disk = bytesOnDisk(app.home);
    expect(disk).toContain('Team OpenAI');
    expect(disk.split(CANARY)).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(CANARY);
    expect(events.join('\n')).not.toContain(CANARY);
    expect(readFileSync(join(app.home, 'vault.json'), 'utf8')).not.toContain(CANARY);
  });

  it('refuses a key with no vault or a locked one, saying what to do; keyless local accounts need none', async () => {
    app = openTempApp();
    expect(await failure('providers.accounts.add', { name: 'cloud', provider: 'anthropic', apiKey: CANARY })).toMatchObject({ code: 'CONFLICT', hint: expect.stringContaining('aura vault init') });
    await call('vault.init', { password: PASSWORD });
    const cloud = await call<ProviderAccount>('providers.accounts.add', { name: 'cloud', provider: 'anthropic', apiKey: CANARY });
    await call('vault.lock', {});
    expect(await failure('providers.accounts.add', { name: 'other', provider: 'openai', apiKey: CANARY })).toMatchObject({ code: 'UNAUTHORIZED', hint: expect.stringContaining('Settings → Vault') });
    expect(await failure('providers.accounts.update', { account: 'cloud', apiKey: `${CANARY}-2` })).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(() => app!.providerAccounts.credentials(cloud.id)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED', hint: expect.stringContaining('resume') }) as unknown as Error);
    // A locked vault hides even the hint; the account still lists.
    const local = await call<ProviderAccount>('providers.accounts.add', { name: 'Ollama', provider: 'openai-compatible', preset: 'ollama' });
    expect(local.key).toEqual({ kind: 'none', hint: null, locked: false });
    expect((await call<ProviderAccount[]>('providers.accounts.list', {})).map((a) => [a.name, a.key])).toEqual([
      ['cloud', { kind: 'vault', hint: null, locked: true }],
      ['Ollama', { kind: 'none', hint: null, locked: false }],
    ]);
    // Removing a keyed account needs the vault open, so its key is never left behind.
    expect(await failure('providers.accounts.remove', { account: 'cloud' })).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('checks names and endpoints: one name once, a key never over plain http to another machine', async () => {
    app = openTempApp();
    await call('vault.init', { password: PASSWORD });
    await call('providers.accounts.add', { name: 'Main', provider: 'openai', apiKey: CANARY });
    expect(await failure('providers.accounts.add', { name: 'MAIN', provider: 'openai' })).toMatchObject({ code: 'CONFLICT' });
    expect(await failure('providers.accounts.add', { name: 'lan', provider: 'openai-compatible', baseUrl: 'http://192.168.1.20:8000/v1', apiKey: CANARY })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await failure('providers.accounts.add', { name: 'compat', provider: 'openai-compatible' })).toMatchObject({ code: 'BAD_REQUEST', hint: expect.stringContaining('--base-url') });
    expect(await failure('providers.accounts.add', { name: 'p', provider: 'openai', preset: 'ollama' })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await failure('providers.accounts.update', { account: 'nobody' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('providers.accounts.remove', { account: 'nobody' })).toEqual({ removed: false });
  });

  it('uses one model of an account for every role, keeps the old models as fallbacks, and removal strips it', async () => {
    app = openTempApp();
    const other = { provider: 'anthropic' as const, model: 'claude-haiku-4-5' };
    await call('settings.set', { key: 'modelRoutes', value: { planner: [other], executor: [other], reviewer: [] } });
    await call('vault.init', { password: PASSWORD });
    const account = await call<ProviderAccount>('providers.accounts.add', { name: 'Router', provider: 'openai-compatible', preset: 'openrouter', apiKey: CANARY });
    const mine = { provider: 'openai-compatible', model: 'openai/gpt-4.1', account: account.id, preset: 'openrouter' };
    expect(await call<ModelRoutes>('providers.accounts.use', { account: 'router', model: 'openai/gpt-4.1' })).toEqual({ planner: [mine, other], executor: [mine, other], reviewer: [mine] });
    // Used again: still once per role, not a second copy.
    expect(await call<ModelRoutes>('providers.accounts.use', { account: 'Router', model: 'openai/gpt-4.1', roles: ['reviewer'] })).toMatchObject({ reviewer: [mine] });
    expect(app.audit.list({ page: 1, pageSize: 50, action: 'providers.account.use' }).total).toBe(2);

    expect(await call('providers.accounts.remove', { account: 'ROUTER' })).toEqual({ removed: true });
    expect(app.settings.getAll().modelRoutes).toEqual({ planner: [other], executor: [other], reviewer: [] });
    expect(() => app!.vault.get(keyItem(account.id))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error);
    expect(await call('providers.accounts.list', {})).toEqual([]);
    expect(app.audit.list({ page: 1, pageSize: 50, action: 'providers.account.remove' }).entries[0]).toMatchObject({ target: 'Router' });
  });

  it('sums this month\'s spend of an account from its model calls, and says when the budget is spent', async () => {
    app = openTempApp();
    const account = await call<ProviderAccount>('providers.accounts.add', { name: 'local', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', monthlyBudgetUsd: 1 });
    const task = app.tasks.create({ goal: 'spend', workspacePath: app.home, profile: 'read-only' }, 'test');
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1) - 1000).toISOString();
    const insert = app.store.db.prepare("INSERT INTO model_calls (id, task_id, role, provider, model, ok, input_tokens, output_tokens, cost_usd, duration_ms, created_at, account_id) VALUES (?, ?, 'executor', 'openai-compatible', 'm', 1, 1, 1, ?, 1, ?, ?)");
    insert.run('a', task.id, 0.75, new Date().toISOString(), account.id);
    insert.run('b', task.id, 5, lastMonth, account.id);
    insert.run('c', task.id, 9, new Date().toISOString(), null);
    expect(app.providerAccounts.spentThisMonth(account.id)).toBeCloseTo(0.75);
    expect(app.providerAccounts.overBudget(account.id)).toBeNull();
    insert.run('d', task.id, 0.25, new Date().toISOString(), account.id);
    expect(app.providerAccounts.overBudget(account.id)).toEqual({ account: 'local', spentUsd: 1, budgetUsd: 1 });
    expect((await call<ProviderAccount[]>('providers.accounts.list', {}))[0]?.spentThisMonthUsd).toBeCloseTo(1);
    await call('providers.accounts.update', { account: 'local', monthlyBudgetUsd: null });
    expect(app.providerAccounts.overBudget(account.id)).toBeNull();
    expect(existsSync(app.paths.database)).toBe(true);
  });
});
