import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxParams } from '../../src/shared/vm';
import { tempDir } from '../support/temp-app';
import { openVmWorker } from '../support/vm-fixture';

/**
 * Shell round trips through a warm VM worker, host to sandboxed bash and back: `/bin/true` (a process
 * started in the sandbox, as most commands are) and the builtin `true` (the cost of the path itself).
 */
export async function shellRoundTrips(calls = 300): Promise<{ binTrueMs: number[]; builtinMs: number[] }> {
  const base = realpathSync(tempDir('aura-bench-shell-'));
  const ws = join(base, 'ws');
  mkdirSync(ws);
  const sandbox: SandboxParams = { roots: [ws], network: false, extraWritable: [], extraReadable: [], home: join(base, 'home'), dataDir: join(base, 'data') };
  const { pool, vm } = openVmWorker();
  const time = async (command: string) => {
    const samples: number[] = [];
    for (let i = 0; i < calls + 20; i += 1) {
      const started = performance.now();
      await vm.call('shell.run', { session: 'bench', sandbox, command, timeoutMs: 10_000 });
      samples.push(performance.now() - started);
    }
    return samples.slice(20); // warm-up: the worker, the sandbox and the page cache
  };
  try {
    return { binTrueMs: await time('/bin/true'), builtinMs: await time('true') };
  } finally {
    await pool.dispose();
    rmSync(base, { recursive: true, force: true });
  }
}
