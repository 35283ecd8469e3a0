import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openTempApp, tempDir } from '../support/temp-app';

const ROUNDS = 5;
const MIN_ACKS = 1000;

/** Runs the writer until it has acknowledged at least `minAcks` more writes, then kill -9 at a random point. */
function writeAndKill(home: string, start: number, minAcks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'fixtures', 'ack-writer.ts'), String(start)], { env: { ...process.env, AURA_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: number[] = [];
    let buffered = '';
    let stderr = '';
    const target = minAcks + Math.floor(Math.random() * 50);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) acks.push(Number(line.slice(4)));
      if (acks.length >= target && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`writer exited on its own: ${stderr}`))));
  });
}

describe('durability', () => {
  it(`loses no acknowledged write across ${ROUNDS} kill -9 rounds and keeps the chain intact`, async () => {
    const home = tempDir();
    const acknowledged: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      acknowledged.push(...(await writeAndKill(home, round * 1_000_000, MIN_ACKS / ROUNDS)));
      const app = openTempApp(home);
      expect(app.store.integrity).toBe('ok');
      expect(app.audit.verify().ok).toBe(true);
      const stored = new Set((app.store.db.prepare("SELECT target FROM audit WHERE action = 'test.write'").all() as { target: string }[]).map((r) => Number(r.target)));
      expect(acknowledged.filter((n) => !stored.has(n))).toEqual([]);
      app.close();
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(MIN_ACKS);
  }, 120_000);
});
