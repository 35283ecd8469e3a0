import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './stats';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/**
 * Wall time of bare `node -e 0`, `aura --version` and `aura --help` (the built bin), `runs` times each,
 * interleaved so that whatever else the machine does weighs on all three alike; the first round warms
 * the disk cache and is not counted.
 */
export function cliStartTimes(runs = 30): { nodeMs: number; versionMs: number; helpMs: number } {
  const home = mkdtempSync(join(tmpdir(), 'aura-bench-cli-'));
  const cases = [['-e', '0'], [CLI, '--version'], [CLI, '--help']];
  const samples = cases.map((): number[] => []);
  try {
    for (let round = 0; round <= runs; round += 1) {
      for (const [i, args] of cases.entries()) {
        const start = process.hrtime.bigint();
        const child = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH ?? '', AURA_HOME: home }, stdio: 'pipe' });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}: ${String(child.stderr)}`);
        if (round > 0) samples[i]!.push(ms);
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const [nodeMs, versionMs, helpMs] = samples.map((s) => percentile(s, 50)) as [number, number, number];
  return { nodeMs, versionMs, helpMs };
}
