import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface AppPaths {
  home: string;
  database: string;
  logs: string;
  backups: string;
}

const APP_DIR_NAME = 'Aura Work';

/** The per-OS app-data folder, the same one Electron's `userData` resolves to, so both hosts share data. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_DIR_NAME);
}

/** `AURA_HOME` wins; otherwise the per-OS folder. Creates the tree owner-only. */
export function resolvePaths(env: NodeJS.ProcessEnv = process.env): AppPaths {
  const home = resolve(env.AURA_HOME || defaultHome(env));
  const paths = { home, database: join(home, 'aura.db'), logs: join(home, 'logs'), backups: join(home, 'backups') };
  for (const dir of [paths.home, paths.logs, paths.backups]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return paths;
}

/**
 * Finds the shipped `resources/` folder by walking up from `fromDir`: the same code then works from
 * `dist/` (bundled), from `src/` (tests) and from the packaged app's resources.
 */
export function locateResources(fromDir: string): string {
  let dir = resolve(fromDir);
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'migrations'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No resources/migrations folder above ${fromDir}: the installation is incomplete.`);
    dir = parent;
  }
}
