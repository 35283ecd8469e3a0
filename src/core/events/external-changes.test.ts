import { eventually } from '../../../test/support/eventually';
import { openTempApp } from '../../../test/support/temp-app';
import type { EventName } from '../../shared/contract';

describe('watchExternalChanges', () => {
  it('announces what another process committed, once, and not the app’s own writes', async () => {
    const host = openTempApp();
    const cli = openTempApp(host.home); // a second connection, as the CLI opens it
    const seen: { event: EventName; payload: unknown }[] = [];
    host.events.subscribe((event, payload) => seen.push({ event, payload }));
    host.watchExternalChanges(20);

    host.settings.set({ key: 'theme', value: 'dark' }, 'ui');
    cli.settings.set({ key: 'language', value: 'ar' }, 'cli');
    const actors = () => seen.filter((e) => e.event === 'audit.appended').map((e) => (e.payload as { actor: string }).actor);
    await eventually(actors, (list) => list.length >= 2);

    const appended = seen.filter((e) => e.event === 'audit.appended').map((e) => (e.payload as { actor: string }).actor);
    expect(appended).toEqual(['ui', 'cli']);
    const changed = seen.filter((e) => e.event === 'settings.changed').map((e) => e.payload);
    expect(changed.at(-1)).toMatchObject({ theme: 'dark', language: 'ar' });
    expect(seen.some((e) => e.event === 'workspaces.changed')).toBe(false);
    await cli.close();
    await host.dispose();
  });

  it('still announces another process’s change when the app writes right after it, before the next look', async () => {
    const host = openTempApp();
    const cli = openTempApp(host.home);
    const seen: { event: EventName; payload: unknown }[] = [];
    host.watchExternalChanges(50);
    host.events.subscribe((event, payload) => seen.push({ event, payload }));
    cli.settings.set({ key: 'language', value: 'fr' }, 'cli');
    host.settings.set({ key: 'theme', value: 'dark' }, 'ui');
    await eventually(() => seen.filter((e) => e.event === 'audit.appended').length, (n) => n >= 2);
    expect(seen.filter((e) => e.event === 'audit.appended').map((e) => (e.payload as { actor: string }).actor)).toEqual(['ui', 'cli']);
    expect(seen.filter((e) => e.event === 'settings.changed').at(-1)?.payload).toMatchObject({ language: 'fr', theme: 'dark' });
    await cli.close();
    await host.dispose();
  });

  it('re-sends the history of tasks another process works on, so a window follows an `aura run`', async () => {
    const host = openTempApp();
    const cli = openTempApp(host.home);
    const seen: { event: EventName; payload: unknown }[] = [];
    host.watchExternalChanges(20);
    host.events.subscribe((event, payload) => seen.push({ event, payload }));

    const task = cli.tasks.create({ goal: 'from the CLI', workspacePath: host.home, profile: 'yes' }, 'cli');
    await eventually(() => seen.some((e) => e.event === 'task.updated'), Boolean);
    cli.tasks.savePlan(task.id, [{ title: 'One', detail: '' }]);
    await eventually(() => seen.some((e) => e.event === 'task.step'), Boolean);

    expect(seen.filter((e) => e.event === 'task.updated').map((e) => (e.payload as { goal: string }).goal)).toContain('from the CLI');
    expect(seen.filter((e) => e.event === 'task.step').map((e) => (e.payload as { title: string }).title)).toContain('One');
    await cli.close();
    await host.dispose();
  });

  it('sends each new or changed task row once, not whole histories on every commit', async () => {
    const host = openTempApp();
    const cli = openTempApp(host.home);
    const seen: { event: EventName; payload: { id: string; status?: string } }[] = [];
    host.watchExternalChanges(20);
    const own = host.tasks.create({ goal: 'in the window', workspacePath: host.home, profile: 'yes' }, 'ui');
    host.events.subscribe((event, payload) => seen.push({ event, payload: payload as { id: string } }));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

    const task = cli.tasks.create({ goal: 'from the CLI', workspacePath: host.home, profile: 'yes' }, 'cli');
    const [one, two] = cli.tasks.savePlan(task.id, [{ title: 'One', detail: '' }, { title: 'Two', detail: '' }]);
    await settle();
    const first = seen.splice(0);
    expect(first.filter((e) => e.event === 'task.step').map((e) => e.payload.id)).toEqual([one?.id, two?.id]);
    expect(first.filter((e) => e.event === 'task.message')).toHaveLength(1);
    expect(first.some((e) => e.payload.id === own.id)).toBe(false); // the window's own task was never re-sent

    if (one) cli.tasks.updateStep(one, { status: 'done', summary: 'ok' });
    await settle();
    const second = seen.splice(0);
    expect(second.filter((e) => e.event === 'task.step').map((e) => [e.payload.id, e.payload.status])).toEqual([[one?.id, 'done']]);
    expect(second.some((e) => e.event === 'task.message')).toBe(false);

    // A commit that changes no task (a claim renewal) sends nothing.
    cli.store.db.prepare('UPDATE tasks SET runner_seen_at = 1 WHERE id = ?').run(task.id);
    await settle();
    expect(seen).toEqual([]);
    await cli.close();
    await host.dispose();
  });
});
