import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../../test/support/temp-app';
import { defaultHome, locateResources, resolvePaths } from './paths';

describe('paths', () => {
  it('uses AURA_HOME when set and creates the folders', () => {
    const home = join(tempDir(), 'nested', 'home');
    const paths = resolvePaths({ AURA_HOME: home });
    expect(paths.database).toBe(join(home, 'aura.db'));
    expect(existsSync(paths.logs) && existsSync(paths.backups)).toBe(true);
  });

  it('falls back to the per-OS app-data folder Electron also uses', () => {
    expect(defaultHome({}, 'linux')).toBe(join(homedir(), '.config', 'Aura Work'));
    expect(defaultHome({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(join('/x', 'Aura Work'));
    expect(defaultHome({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toContain('Aura Work');
    expect(defaultHome({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Aura Work'));
  });

  it('finds the shipped resources from any folder below the app', () => {
    expect(existsSync(join(locateResources(__dirname), 'migrations', '001_init.sql'))).toBe(true);
    expect(() => locateResources('/')).toThrow(/installation is incomplete/);
  });
});
