import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveLocalChannel } from '../../src/main/host/local-channel';
import { openTempApp } from '../support/temp-app';
import { percentile } from './stats';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/**
 * The CLI as a client of a running host: wall time of a data command (`aura settings get theme`) beside bare
 * `node -e 0`, interleaved; and how soon an event reaches a subscribed client of the local channel after a
 * service emits it.
 */
export async function hostClientFigures(runs = 30, events = 2000): Promise<{ nodeMs: number; commandMs: number; eventMs: number[] }> {
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
    return { nodeMs: percentile(samples[0]!, 50), commandMs: percentile(samples[1]!, 50), eventMs: await eventDelivery(events) };
  } finally {
    spawnSync(process.execPath, [CLI, 'host', 'stop'], { env });
    rmSync(home, { recursive: true, force: true });
  }
}

// The client side: another process, as the CLI is. Monotonic clocks agree across processes on one machine,
// so the host puts its emit time in the event and the client subtracts; it acknowledges each on stdout.
const CLIENT = `
const net = require('node:net');
const socket = net.connect(process.argv[1]);
const samples = [];
let buffered = '';
socket.on('connect', () => socket.write(JSON.stringify({ id: 1, method: 'events.subscribe', input: { topics: ['workspaces.changed'] } }) + '\\n'));
socket.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\\n')) >= 0) {
    const frame = JSON.parse(buffered.slice(0, newline));
    buffered = buffered.slice(newline + 1);
    if (frame.type === 'reply') process.stdout.write('ready\\n');
    else if (frame.event === 'workspaces.changed') {
      samples.push(Number(process.hrtime.bigint() - BigInt(frame.payload[0].name)) / 1e6);
      process.stdout.write(frame.payload[0].path === 'last' ? JSON.stringify(samples) + '\\n' : 'ok\\n');
    }
  }
});
`;

/**
 * Host → CLI event delivery: the host's services and its local channel in this process, a client in its own
 * process on the socket; each sample runs from the moment a service emits an event to the moment the client
 * has it parsed.
 */
async function eventDelivery(events: number): Promise<number[]> {
  const app = openTempApp();
  const socket = join(app.home, 'bench.sock');
  const channel = await serveLocalChannel(app, socket, () => undefined);
  const child = spawn(process.execPath, ['-e', CLIENT, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  try {
    if ((await lines.next()).value !== 'ready') throw new Error('the event client did not subscribe');
    for (let i = 0; i <= events; i += 1) {
      const workspace = { id: randomUUID(), name: String(process.hrtime.bigint()), path: i === events ? 'last' : '/', createdAt: '' };
      app.events.emit('workspaces.changed', [workspace]);
      const { value } = await lines.next();
      if (i === events) return (JSON.parse(String(value)) as number[]).slice(1);
    }
    return [];
  } finally {
    child.kill();
    await channel.close();
    await app.dispose();
  }
}
