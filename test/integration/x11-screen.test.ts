import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPUTER_METHODS } from '../../src/shared/computer';
import { silentLogger } from '../../src/core/logging/logger';
import { NodeWorkerLauncher } from '../../src/core/workers/node-worker-launcher';
import { WorkerPool } from '../../src/core/workers/worker-pool';
import { grabScreen, Unsupported } from '../../src/workers/computer/x11-screen';
import { decodeXwd } from '../../src/workers/computer/xwd-image';
import { decodePng } from '../support/png';
import { tempDir } from '../support/temp-app';
import { startXClient, waitForWindow, type XClient } from '../support/x-programs';
import { startXvfb, type VirtualDisplay } from '../support/xvfb';

jest.setTimeout(60_000);

// The worker takes screenshots straight from the X server (x11-screen.ts) and falls back to xwd; both must
// see the same pixels, on every layout a server may use, with and without an authorization cookie.
let displays: VirtualDisplay[] = [];
let clients: XClient[] = [];
afterEach(async () => {
  for (const client of clients) client.stop();
  clients = [];
  await Promise.all(displays.map((d) => d.close()));
  displays = [];
});

async function display(options: Parameters<typeof startXvfb>[0] = {}): Promise<VirtualDisplay> {
  const started = await startXvfb(options);
  displays.push(started);
  return started;
}

/** Something on the screen besides black: an xterm full of text. */
async function withText(x: VirtualDisplay, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const term = startXClient(x.display, 'xterm', ['-T', 'pixels', '-geometry', '60x10+30+40', '-e', 'sh', '-c', 'ls -l /usr; exec sleep 600'], undefined, env);
  clients.push(term);
  await waitForWindow(x.display, '^pixels$', 20_000, env);
}

const xwd = (x: VirtualDisplay, env: NodeJS.ProcessEnv = process.env) => decodeXwd(execFileSync('xwd', ['-root', '-silent'], { env: { ...env, DISPLAY: x.display }, maxBuffer: 256 * 1024 * 1024 }));

/** An Xauthority file with one cookie for any display (FamilyWild), as `xauth` writes them. */
function authority(cookie: Buffer): string {
  const field = (data: Buffer) => Buffer.concat([Buffer.from([data.length >> 8, data.length & 0xff]), data]);
  const file = join(tempDir('aura-xauth-'), 'Xauthority');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xff]), field(Buffer.alloc(0)), field(Buffer.alloc(0)), field(Buffer.from('MIT-MAGIC-COOKIE-1')), field(cookie)]));
  return file;
}

describe('screenshots straight from the X server', () => {
  it.each([24, 16])('see exactly what xwd sees at depth %i', async (depth) => {
    const x = await display({ width: 640, height: 480, depth });
    await withText(x);
    const direct = await grabScreen(x.display, new AbortController().signal);
    const dumped = xwd(x);
    expect(direct).toMatchObject({ width: 640, height: 480 });
    expect(Buffer.from(direct.rgb).equals(Buffer.from(dumped.rgb))).toBe(true);
    // Not a blank screen: the xterm's white background and black text are both there.
    expect(new Set(direct.rgb).size).toBeGreaterThan(1);
  });

  it('leave a screen without true colour to xwd, and the worker still answers with a PNG', async () => {
    const x = await display({ width: 320, height: 200, depth: 8 });
    await expect(grabScreen(x.display, new AbortController().signal)).rejects.toBeInstanceOf(Unsupported);
    const pool = new WorkerPool({ launcher: new NodeWorkerLauncher(), logger: silentLogger, env: process.env });
    try {
      const shot = await pool.create('computer', COMPUTER_METHODS).call('computer.capture', { display: x.display, marker: null });
      expect(decodePng(shot.png)).toMatchObject({ width: 320, height: 200 });
    } finally {
      await pool.dispose();
    }
  });

  it('use the cookie of XAUTHORITY for a server that wants one, and say clearly when it is refused', async () => {
    const cookie = randomBytes(16);
    const file = authority(cookie);
    const x = await display({ width: 320, height: 200, args: ['-auth', file] });
    const env = { ...process.env, XAUTHORITY: file };
    await withText(x, env);
    const direct = await grabScreen(x.display, new AbortController().signal, env);
    expect(Buffer.from(direct.rgb).equals(Buffer.from(xwd(x, env).rgb))).toBe(true);

    const wrong = { ...process.env, XAUTHORITY: authority(randomBytes(16)) };
    await expect(grabScreen(x.display, new AbortController().signal, wrong)).rejects.toThrow('refused the connection');
    // Through the worker, whose xwd fallback is refused as well: the error says what to do.
    const pool = new WorkerPool({ launcher: new NodeWorkerLauncher(), logger: silentLogger, env: wrong });
    try {
      await expect(pool.create('computer', COMPUTER_METHODS, { env: { XAUTHORITY: wrong.XAUTHORITY } }).call('computer.capture', { display: x.display, marker: null })).rejects.toMatchObject({
        code: 'IO_ERROR',
        hint: expect.stringContaining('XAUTHORITY'),
      });
    } finally {
      await pool.dispose();
    }
  });

  it('stops when cancelled', async () => {
    const x = await display({ width: 320, height: 200 });
    const stop = new AbortController();
    stop.abort(new Error('stopped'));
    await expect(grabScreen(x.display, stop.signal)).rejects.toThrow();
  });
});
