import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTempApp, tempDir } from '../support/temp-app';

// The file tools check a path in the host, then read or write it in the sandbox's file helper. A link
// swapped in between (here by a process on the host, faster than anything in the sandbox could) must
// not lead the read or the write outside: in the sandbox's view the outside does not exist.

const TRIES = 4000;
/** Bounded by time as well, like the fuzzers (test/support/fuzz-budget.ts): each write is two fsyncs. */
const BUDGET_MS = 40_000;

const app = openTempApp();
let ws: string;
let outside: string;
let swapper: ChildProcess;

/**
 * Until killed, as fast as it can: swaps the folder `ws/d` between a real folder and a link to `outside`
 * (for writes), and the file `ws/r.txt` between a file of its own and a link to a file outside (for reads,
 * replaced atomically, so it always exists); prints how many rounds it made.
 */
const SWAPPER = `
const fs = require('fs');
const path = require('path');
const [ws, outside] = process.argv.slice(1);
const d = path.join(ws, 'd'), real = path.join(ws, 'd.real'), r = path.join(ws, 'r.txt');
let swaps = 0;
for (;;) {
  try { fs.renameSync(d, real); } catch { fs.rmSync(real, { recursive: true, force: true }); }
  try { fs.symlinkSync(outside, d); } catch {}
  try { fs.symlinkSync(path.join(outside, 'f0.txt'), r + '.link'); fs.renameSync(r + '.link', r); } catch {}
  try { fs.unlinkSync(d); } catch {}
  try { fs.renameSync(real, d); } catch {}
  try { fs.writeFileSync(r + '.file', 'inside'); fs.renameSync(r + '.file', r); } catch {}
  swaps += 1;
  if (swaps % 1000 === 0) fs.writeSync(1, swaps + '\\n');
}`;

beforeAll(() => {
  const base = realpathSync(tempDir('aura-swap-'));
  ws = join(base, 'ws');
  outside = join(base, 'outside');
  mkdirSync(join(ws, 'd'), { recursive: true });
  mkdirSync(outside);
  // Every name the tools use inside exists outside too, so a read led outside would find something.
  for (let i = 0; i < 20; i += 1) writeFileSync(join(outside, `f${i}.txt`), 'outside secret');
});
afterAll(async () => {
  swapper?.kill('SIGKILL');
  await app.dispose();
});

const call = (name: string, input: unknown) => app.runner.call({ name, input, ctx: { roots: [ws], signal: new AbortController().signal, actor: 'test', taskId: null }, profile: 'yes', approve: async () => false });

describe('the file tools against a link swapped under them', () => {
  it(`never write or read outside, over up to ${TRIES} tries`, async () => {
    expect(await app.vm.probe()).toMatchObject({ files: 'sandbox' });
    writeFileSync(join(ws, 'r.txt'), 'inside');
    swapper = spawn(process.execPath, ['-e', SWAPPER, ws, outside], { stdio: ['ignore', 'pipe', 'inherit'] });
    let swaps = '';
    swapper.stdout?.on('data', (chunk: Buffer) => (swaps += chunk.toString()));
    const outcomes: Record<string, number> = {};
    const count = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
    const deadline = Date.now() + BUDGET_MS;
    let tries = 0;
    for (; tries < TRIES && Date.now() < deadline; tries += 1) {
      const written = await call('write', { path: `d/f${tries % 20}.txt`, content: `try ${tries}` });
      count(written.ok ? 'write ok' : `write ${written.error.code}`);
      const read = await call('read', { path: 'r.txt' });
      if (read.ok) expect((read.output as { content: string }).content).toBe('inside');
      count(read.ok ? 'read ok' : `read ${read.error.code}`);
    }
    const exited = new Promise((resolve) => swapper.once('exit', resolve));
    swapper.kill('SIGKILL');
    await exited;

    expect(readdirSync(outside).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `f${i}.txt`).sort());
    for (const name of readdirSync(outside)) expect(readFileSync(join(outside, name), 'utf8')).toBe('outside secret');
    // The race ran: the swapper swapped, writes and reads went through inside, and some found the link
    // swapped in after their check (in the sandbox it leads nowhere: IO_ERROR, NOT_FOUND) rather than outside.
    expect(Number(swaps.trim().split('\n').at(-1))).toBeGreaterThan(tries);
    expect(outcomes['write ok']).toBeGreaterThan(0);
    expect(outcomes['write IO_ERROR'] ?? 0).toBeGreaterThan(0);
    expect(outcomes['read ok']).toBeGreaterThan(0);
    expect(outcomes['read NOT_FOUND'] ?? 0).toBeGreaterThan(0);
    expect(tries).toBeGreaterThanOrEqual(Math.min(TRIES, 200));
  }, BUDGET_MS * 3);
});
