import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './launch-host';

const run = promisify(execFile);

export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/**
 * The environment a test gives the built CLI: its data folder and nothing else of the test's, and a
 * background host (which the first command starts) that leaves soon after the test stops using it.
 */
export const cliEnv = (home: string, extra: Record<string, string> = {}): Record<string, string> => ({ PATH: process.env.PATH ?? '', AURA_HOME: home, AURA_IDLE_EXIT_MS: '3000', AURA_BRIDGE_PORT: '0', ...extra });

/** Runs the built `aura` bin as `npx aura` does, in its own process. */
export async function aura(home: string, argv: string[], extra: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...argv], { env: cliEnv(home, extra), timeout: 90_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

/** Stops the background host of a data folder, if one runs (tests call it when done with the folder). */
export async function stopHost(home: string): Promise<void> {
  await aura(home, ['host', 'stop']);
}
