import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppOptions, type AuraApp } from '../../src/core/app';
import { silentLogger } from '../../src/core/logging/logger';
import { resolvePaths } from '../../src/core/paths';

export const RESOURCES_DIR = join(__dirname, '..', '..', 'resources');
export const MIGRATIONS_DIR = join(RESOURCES_DIR, 'migrations');

export function tempDir(prefix = 'aura-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real app (real SQLite file, real services) in a throw-away data folder. */
export function openTempApp(home = tempDir(), options: Partial<AppOptions> = {}): AuraApp & { home: string; dispose(): Promise<void> } {
  const app = createApp({
    paths: resolvePaths({ AURA_HOME: home }),
    resourcesDir: RESOURCES_DIR,
    version: '0.0.0-test',
    runtime: { host: 'headless', electron: null, chromium: async () => null },
    logger: silentLogger,
    env: {},
    ...options,
  });
  return Object.assign(app, {
    home,
    async dispose() {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  });
}
