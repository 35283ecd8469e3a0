import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTempApp, tempDir } from '../../../test/support/temp-app';

describe('WorkspaceService', () => {
  it('adds folders by real path, refuses duplicates through symlinks, files and relative paths', () => {
    const app = openTempApp();
    const root = tempDir();
    mkdirSync(join(root, 'site'));
    symlinkSync(join(root, 'site'), join(root, 'alias'));
    writeFileSync(join(root, 'file.txt'), 'x');
    const site = app.workspaces.add('Site', join(root, 'site'), 'ui');
    expect(app.workspaces.list()).toEqual([site]);
    expect(() => app.workspaces.add('Alias', join(root, 'alias'), 'ui')).toThrow(/already a workspace/);
    expect(() => app.workspaces.add('File', join(root, 'file.txt'), 'ui')).toThrow(/not a folder/);
    expect(() => app.workspaces.add('Rel', 'site', 'ui')).toThrow(/not an absolute path/);
    expect(() => app.workspaces.add('Gone', join(root, 'gone'), 'ui')).toThrow(/does not exist/);
    expect(app.audit.verify()).toMatchObject({ ok: true, count: 1 });
    app.dispose();
  });

  it('clears the default workspace when that workspace is removed, in one audited transaction', () => {
    const app = openTempApp();
    const site = app.workspaces.add('Site', tempDir(), 'ui');
    app.settings.set({ key: 'defaultWorkspace', value: site.id }, 'ui');
    expect(app.workspaces.remove(site.id, 'ui')).toBe(true);
    expect(app.workspaces.remove(site.id, 'ui')).toBe(false);
    expect(app.settings.getAll().defaultWorkspace).toBeNull();
    expect(app.audit.list({ page: 1, pageSize: 10 }).entries.map((e) => e.action)).toEqual(['workspace.remove', 'settings.set', 'settings.set', 'workspace.add']);
    app.dispose();
  });
});
