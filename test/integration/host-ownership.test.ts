import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aura, CLI, cliEnv, stopHost } from '../support/aura-cli';
import { eventually } from '../support/eventually';
import { launchHost, REPO_ROOT, type LaunchedHost } from '../support/launch-host';
import { tempDir } from '../support/temp-app';

// Hosts start and stop here, several per test: room for a loaded 2-core machine.
jest.setTimeout(90_000);

/** `npm start` as a plain process, its whole output and exit code collected. */
function start(home: string): Promise<{ code: number | null; out: string; child: ReturnType<typeof spawn> }> {
  const child = spawn(process.execPath, ['dist/start.js'], { cwd: REPO_ROOT, env: { ...process.env, AURA_HOME: home, AURA_PORT: '0', AURA_HEADLESS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => {
    // A winner keeps running: it has answered once it prints its address.
    child.stdout.on('data', () => /is running at/.test(out) && resolve({ code: null, out, child }));
    child.once('exit', (code) => resolve({ code, out, child }));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('one host per data directory', () => {
  const hosts: LaunchedHost[] = [];
  afterAll(async () => {
    for (const host of hosts) await host.stop();
  });

  it('lets exactly one of two racing starts own the folder; the other points to it and exits 0', async () => {
    const home = tempDir();
    const [a, b] = await Promise.all([start(home), start(home)]);
    const winners = [a, b].filter((r) => r.code === null);
    const losers = [a, b].filter((r) => r.code !== null);
    try {
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const url = /Aura Work is running at (\S+)/.exec(winners[0]!.out)?.[1];
      expect(losers[0]).toMatchObject({ code: 0 });
      expect(losers[0]!.out).toContain(`Aura Work is already running at ${url}`);
      // The socket the CLI uses is the owner's alone.
      expect(statSync(join(home, 'aura.sock')).mode & 0o777).toBe(0o600);
    } finally {
      for (const { child } of winners) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('lets the CLI reach a running host without ever loading SQLite or opening the database', async () => {
    const home = tempDir();
    const host = await launchHost({ AURA_HOME: home });
    hosts.push(host);
    const recorder = join(tempDir(), 'recorder.js');
    const record = join(tempDir(), 'loaded.json');
    writeFileSync(recorder, `const M = require('node:module'); const fs = require('node:fs'); const seen = []; const load = M._load; M._load = function (r, ...rest) { seen.push(r); return load.call(this, r, ...rest); }; const open = fs.openSync; fs.openSync = function (p, ...rest) { seen.push(String(p)); return open.call(this, p, ...rest); }; process.on('exit', () => fs.writeFileSync(${JSON.stringify(record)}, JSON.stringify(seen)));`);
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['--require', recorder, CLI, 'settings', 'set', 'theme', 'dark'], { env: cliEnv(home) }).toString();
    expect(out).toContain('theme = "dark"');
    const seen = JSON.parse((await import('node:fs')).readFileSync(record, 'utf8')) as string[];
    expect(seen.filter((r) => r.includes('better-sqlite3') || r.includes('aura.db'))).toEqual([]);
    // The change was made by the host, which announced it to its windows.
    const settings = await fetch(`http://127.0.0.1:${host.port}/api/rpc/settings.getAll`, { method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(((await settings.json()) as { result: { theme: string } }).result.theme).toBe('dark');
  });

  it('starts a background host for the CLI, which hands over to `npm start` and leaves when idle', async () => {
    const home = tempDir();
    expect(await aura(home, ['host', 'status'])).toMatchObject({ code: 1, out: expect.stringContaining('No Aura Work host is running') });
    expect((await aura(home, ['workspaces', 'list'])).code).toBe(0);
    const background = JSON.parse((await aura(home, ['host', 'status', '--json'])).out) as { kind: string; pid: number; url: string | null };
    expect(background).toMatchObject({ kind: 'background', url: null });

    // A start with a window takes the folder over: the background host stops, the new one serves.
    const host = await launchHost({ AURA_HOME: home });
    hosts.push(host);
    // It gives the lock up as the last thing before it exits.
    expect(await eventually(() => alive(background.pid), (up) => !up)).toBe(false);
    expect(JSON.parse((await aura(home, ['host', 'status', '--json'])).out)).toMatchObject({ kind: 'headless', pid: host.child.pid });
    expect(await aura(home, ['host', 'stop'])).toMatchObject({ code: 1, err: expect.stringContaining('Ctrl-C') });
    await host.stop();

    // Now with no host: the next command starts one, which leaves by itself when nothing needs it.
    const env = { AURA_IDLE_EXIT_MS: '1000' };
    expect((await aura(home, ['tasks', 'list'], env)).code).toBe(0);
    const idle = JSON.parse((await aura(home, ['host', 'status', '--json'], env)).out) as { pid: number; idleExitMs: number };
    expect(idle.idleExitMs).toBe(1000);
    expect(await eventually(() => alive(idle.pid), (up) => !up, 20_000)).toBe(false);
    expect(await aura(home, ['host', 'status'])).toMatchObject({ code: 1 });
    await stopHost(home);
  });
});
