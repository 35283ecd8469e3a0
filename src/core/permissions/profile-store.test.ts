import { afterAll, describe, expect, it } from '@jest/globals';
import { OWNER_CLI } from '../../shared/auth';
import type { ProcedureName } from '../../shared/contract';
import { openTempApp } from '../../../test/support/temp-app';

const app = openTempApp();
afterAll(() => app.dispose());

const call = (method: ProcedureName, input: unknown) => app.dispatch(method, input, OWNER_CLI);
const audited = (action: string) => app.audit.list({ page: 1, pageSize: 50, action }).entries;

describe('permission profiles', () => {
  it('lists the four built-in profiles by name, with ask active', async () => {
    const listed = await call('profiles.list', {});
    expect(listed).toMatchObject({ ok: true, result: { active: 'ask' } });
    const profiles = (listed as { result: { profiles: { id: string; name: string; builtin: boolean; risks: unknown }[] } }).result.profiles;
    expect(profiles.map((p) => [p.id, p.name, p.builtin])).toEqual([
      ['read-only', 'Read-only', true],
      ['ask', 'Ask every time', true],
      ['auto-edit', 'Workspace auto', true],
      ['yes', 'Full access', true],
    ]);
    expect(profiles[2]?.risks).toEqual({ read: 'allow', write: 'allow', execute: 'ask', network: 'ask' });
  });

  it('shows a profile by id or by name in any case; an unknown one says where to look', async () => {
    expect(await call('profiles.show', { profile: 'full ACCESS' })).toMatchObject({ ok: true, result: { id: 'yes' } });
    expect(await call('profiles.show', { profile: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', hint: expect.stringContaining('aura profiles list') } });
    expect(await call('profiles.use', { profile: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses to change or remove a built-in profile, saying to copy it', async () => {
    const draft = { name: 'Ask every time', risks: { read: 'allow', write: 'allow', execute: 'allow', network: 'allow' }, tools: [], paths: [] };
    expect(await call('profiles.save', { id: 'ask', draft })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', hint: expect.stringContaining('aura profiles copy') } });
    expect(await call('profiles.remove', { profile: 'yes' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(app.profiles.find('ask')?.risks.write).toBe('ask');
  });

  it('copies, edits and uses a custom profile, every change audited', async () => {
    const copied = await call('profiles.copy', { profile: 'auto-edit', name: 'My rules' });
    expect(copied).toMatchObject({ ok: true, result: { id: 'my-rules', name: 'My rules', builtin: false, risks: { write: 'allow', execute: 'ask' } } });
    expect(await call('profiles.copy', { profile: 'ask', name: 'my RULES' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call('profiles.copy', { profile: 'ask', name: 'Full access' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const draft = { name: 'My rules', risks: { read: 'allow', write: 'allow', execute: 'ask', network: 'deny' }, tools: [{ tool: 'mcp__files__*', decision: 'allow' }], paths: [{ path: '**/.env', access: 'any', decision: 'deny' }] };
    expect(await call('profiles.save', { id: 'my-rules', draft })).toMatchObject({ ok: true, result: { id: 'my-rules', tools: [{ tool: 'mcp__files__*' }], paths: [{ path: '**/.env' }] } });
    expect(await call('profiles.save', { id: 'missing', draft })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('profiles.save', { id: 'my-rules', draft: { ...draft, paths: [{ path: '../out', access: 'any', decision: 'allow' }] } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    expect(await call('profiles.use', { profile: 'my rules' })).toEqual({ ok: true, result: { active: 'my-rules' } });
    expect(app.settings.getAll().permissionProfile).toBe('my-rules');
    expect(audited('profile.copy')[0]).toMatchObject({ target: 'my-rules', detail: { from: 'auto-edit' } });
    expect(audited('profile.save')[0]).toMatchObject({ target: 'my-rules', detail: { tools: 1, paths: 1 } });
    expect(audited('settings.set')[0]).toMatchObject({ target: 'permissionProfile', detail: { to: 'my-rules' } });
    // A new task gets the active profile.
    expect(app.profiles.activeId()).toBe('my-rules');
  });

  it('refuses an unknown profile as the setting', async () => {
    expect(await call('settings.set', { key: 'permissionProfile', value: 'not-there' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('settings.set', { key: 'permissionProfile', value: 'Not An Id' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('removing the active profile, or one a running task uses, falls back to ask and says so', async () => {
    const task = app.tasks.create({ goal: 'g', workspacePath: app.home, profile: 'my-rules' }, 'test');
    const removed = await call('profiles.remove', { profile: 'My rules' });
    expect(removed).toMatchObject({ ok: true, result: { removed: true, message: expect.stringMatching(/active profile.*Ask every time.*1 unfinished task/s) } });
    expect(app.settings.getAll().permissionProfile).toBe('ask');
    expect(app.profiles.forTask(app.tasks.get(task.id).profile).id).toBe('ask');
    expect(audited('profile.remove')[0]).toMatchObject({ target: 'my-rules', detail: { wasActive: true, runningTasks: 1 } });
    expect(await call('profiles.remove', { profile: 'my-rules' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('"always allow" on a built-in profile copies it once as "<name> (my rules)" and makes the copy active', () => {
    const first = app.profiles.allowTool('ask', 'write', 'test');
    expect(first).toMatchObject({ copied: true, profile: { name: 'Ask every time (my rules)', builtin: false, tools: [{ tool: 'write', decision: 'allow' }] } });
    expect(app.settings.getAll().permissionProfile).toBe(first.profile.id);
    const second = app.profiles.allowTool('ask', 'shell', 'test');
    expect(second.profile.id).toBe(first.profile.id);
    expect(second.profile.tools).toEqual([
      { tool: 'write', decision: 'allow' },
      { tool: 'shell', decision: 'allow' },
    ]);
    // On a custom profile the rule is added in place, replacing an exact rule for the same tool.
    const third = app.profiles.allowTool(first.profile.id, 'write', 'test');
    expect(third).toMatchObject({ copied: false });
    expect(third.profile.tools.filter((rule) => rule.tool === 'write')).toEqual([{ tool: 'write', decision: 'allow' }]);
    expect(app.profiles.find('ask')?.tools).toEqual([]);
  });
});
