import { join } from 'node:path';
import { MIGRATIONS_DIR, openTempApp, tempDir } from '../../../test/support/temp-app';
import { openDatabase } from '../store/database';
import { loadMigrations } from '../store/migrations';

const call = (taskId: string, inputTokens: number, outputTokens: number, costUsd: number | null) => ({ taskId, role: 'executor' as const, provider: 'anthropic' as const, model: 'm', ok: true, error: null, errorCode: null, finishReason: 'stop' as const, rawReply: null, inputTokens, outputTokens, costUsd, durationMs: 1 });

describe('task usage totals', () => {
  it('add up every model call, failed and unpriced ones included', async () => {
    const app = openTempApp();
    const task = app.tasks.create({ goal: 'g', workspacePath: app.home, profile: 'yes' }, 'cli');
    const other = app.tasks.create({ goal: 'h', workspacePath: app.home, profile: 'yes' }, 'cli');
    app.tasks.addModelCall(call(task.id, 100, 20, 0.5));
    app.tasks.addModelCall({ ...call(task.id, 7, 3, null), ok: false, error: 'rate limited' });
    app.tasks.addModelCall(call(other.id, 1, 1, 0.25));
    expect(app.tasks.get(task.id).usage).toEqual({ inputTokens: 107, outputTokens: 23, costUsd: 0.5 });
    expect(app.tasks.list({ page: 1, pageSize: 10 }).tasks.find((t) => t.id === other.id)?.usage).toEqual({ inputTokens: 1, outputTokens: 1, costUsd: 0.25 });
    await app.dispose();
  });

  it('are filled in for tasks recorded before they were kept on the task', () => {
    const file = join(tempDir(), 'aura.db');
    const all = loadMigrations(MIGRATIONS_DIR);
    const before = openDatabase(file, all.slice(0, 3)).db;
    before.prepare("INSERT INTO tasks (id, goal, workspace_path, status, profile, created_at, updated_at) VALUES ('t1', 'g', '/', 'done', 'yes', 'x', 'x')").run();
    const insert = before.prepare("INSERT INTO model_calls (id, task_id, role, provider, model, ok, input_tokens, output_tokens, cost_usd, duration_ms, created_at) VALUES (?, 't1', 'executor', 'p', 'm', 1, ?, ?, ?, 1, 'x')");
    insert.run('c1', 10, 2, 0.1);
    insert.run('c2', 5, 1, null);
    before.close();
    const after = openDatabase(file, all).db;
    expect(after.prepare('SELECT input_tokens AS i, output_tokens AS o, cost_usd AS c FROM tasks').get()).toEqual({ i: 15, o: 3, c: 0.1 });
    after.close();
  });
});

describe('task status changes', () => {
  it('are refused when the state machine has no such move, and audited when it does', async () => {
    const app = openTempApp();
    const task = app.tasks.create({ goal: 'g', workspacePath: app.home, profile: 'yes' }, 'cli');
    expect(task.status).toBe('queued');
    expect(() => app.tasks.setStatus(task.id, 'done')).toThrow(/queued task cannot become done/);
    app.tasks.setStatus(task.id, 'planning');
    app.tasks.setStatus(task.id, 'failed', { code: 'MODEL_OUTPUT_INVALID', message: 'bad plan' });
    expect(app.tasks.get(task.id)).toMatchObject({ status: 'failed', error: { code: 'MODEL_OUTPUT_INVALID', message: 'bad plan' } });
    expect(() => app.tasks.setStatus(task.id, 'done')).toThrow(/failed task cannot become done/);
    const moves = app.audit.list({ page: 1, pageSize: 10, action: 'task.transition' }).entries.map((e) => e.detail);
    expect(moves.reverse()).toEqual([
      { from: 'queued', to: 'planning' },
      { from: 'planning', to: 'failed', error: 'MODEL_OUTPUT_INVALID' },
    ]);
    await app.dispose();
  });
});
