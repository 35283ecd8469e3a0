import { OWNER_UI } from '../../shared/auth';
import { openTempApp } from '../../../test/support/temp-app';
import { DEFAULT_SETTINGS } from '../../shared/settings';

describe('SettingsService', () => {
  it('starts from the defaults and persists changes across a restart, each audited', () => {
    const app = openTempApp();
    expect(app.settings.getAll()).toEqual(DEFAULT_SETTINGS);
    const seen: string[] = [];
    app.events.subscribe((event) => seen.push(event));
    app.settings.set({ key: 'theme', value: 'dark' }, 'ui');
    app.settings.set({ key: 'theme', value: 'dark' }, 'ui'); // no change, no entry
    expect(seen).toEqual(['audit.appended', 'settings.changed']);
    app.close();
    const reopened = openTempApp(app.home);
    expect(reopened.settings.getAll().theme).toBe('dark');
    const [entry] = reopened.audit.list({ page: 1, pageSize: 10, action: 'settings.set' }).entries;
    expect(entry).toMatchObject({ actor: 'ui', target: 'theme', detail: { from: 'system', to: 'dark' } });
    expect(reopened.audit.verify()).toMatchObject({ ok: true, count: 1 });
    reopened.dispose();
  });

  it('writes nothing when its audit entry cannot be written', () => {
    const app = openTempApp();
    app.store.db.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;");
    expect(() => app.settings.set({ key: 'language', value: 'ar' }, 'ui')).toThrow(/audit unavailable/);
    expect(app.settings.getAll().language).toBe('en');
    app.dispose();
  });

  it('surfaces a full disk as a clear error with nothing corrupted', async () => {
    const app = openTempApp();
    await app.dispatch('settings.set', { key: 'theme', value: 'light' }, OWNER_UI);
    const pages = app.store.db.pragma('page_count', { simple: true }) as number;
    app.store.db.pragma(`max_page_count = ${pages}`);
    let reply;
    for (let i = 0; i < 500; i += 1) {
      reply = await app.dispatch('workspaces.add', { name: `w${i}`, path: app.home }, OWNER_UI);
      if (!reply.ok && reply.error.code === 'DISK_FULL') break;
      if (reply.ok) await app.dispatch('workspaces.remove', { id: (reply.result as { id: string }).id }, OWNER_UI);
    }
    expect(reply).toMatchObject({ ok: false, error: { code: 'DISK_FULL', message: expect.stringMatching(/disk is full/) } });
    expect(app.settings.getAll().theme).toBe('light');
    expect(app.store.db.pragma('quick_check', { simple: true })).toBe('ok');
    expect(app.audit.verify().ok).toBe(true);
    app.dispose();
  });

  it('refuses a default workspace that does not exist', () => {
    const app = openTempApp();
    expect(() => app.settings.set({ key: 'defaultWorkspace', value: '5b1e6b2e-4d0b-4b8e-9a3c-2b1d2c3e4f50' }, 'ui')).toThrow(/does not exist/);
    app.dispose();
  });
});
