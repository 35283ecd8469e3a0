import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSocketPath } from '../../src/core/host/host-paths';
import { LocalClient } from '../../src/core/host/local-client';
import { percentile } from './stats';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/**
 * The CLI as a client of a running host: wall time of a data command (`aura settings get theme`) beside bare
 * `node -e 0`, interleaved; and how soon an event reaches a subscribed client of the local channel after
 * another client's call caused it (send → event, an upper bound on delivery).
 */
export async function hostClientFigures(runs = 30, events = 500): Promise<{ nodeMs: number; commandMs: number; eventMs: number[] }> {
  const home = mkdtempSync(join(tmpdir(), 'aura-bench-host-'));
  const env = { PATH: process.env.PATH ?? '', AURA_HOME: home, AURA_BRIDGE_PORT: '0' };
  execFileSync(process.execPath, [CLI, 'host', 'start'], { env });
  try {
    const cases = [['-e', '0'], [CLI, 'settings', 'get', 'theme']];
    const samples = cases.map((): number[] => []);
    for (let round = 0; round <= runs; round += 1) {
      for (const [i, args] of cases.entries()) {
        const start = process.hrtime.bigint();
        const child = spawnSync(process.execPath, args, { env, stdio: 'pipe' });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${String(child.stderr)}`);
        if (round > 0) samples[i]!.push(ms);
      }
    }
    const listener = await LocalClient.connect(localSocketPath(home));
    const caller = await LocalClient.connect(localSocketPath(home));
    const eventMs: number[] = [];
    let sent = 0n;
    let arrived: () => void = () => undefined;
    await listener.subscribe(['settings.changed'], () => {
      eventMs.push(Number(process.hrtime.bigint() - sent) / 1e6);
      arrived();
    });
    for (let i = 0; i < events; i += 1) {
      const seen = new Promise<void>((resolve) => (arrived = resolve));
      sent = process.hrtime.bigint();
      await caller.call('settings.set', { key: 'theme', value: i % 2 ? 'dark' : 'light' });
      await seen;
    }
    listener.close();
    caller.close();
    return { nodeMs: percentile(samples[0]!, 50), commandMs: percentile(samples[1]!, 50), eventMs };
  } finally {
    spawnSync(process.execPath, [CLI, 'host', 'stop'], { env });
    rmSync(home, { recursive: true, force: true });
  }
}
