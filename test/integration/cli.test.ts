import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { aura as auraCli, stopHost } from '../support/aura-cli';
import { tempDir } from '../support/temp-app';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const aura = async (home: string, ...argv: string[]) => {
  const { code, out, err } = await auraCli(home, argv);
  return { code, out: out.trimEnd(), err: err.trimEnd() };
};

// Each command is a process, and the first of a data folder starts its host: room for a loaded machine.
jest.setTimeout(60_000);

describe('aura CLI', () => {
  const home = tempDir();
  afterAll(() => stopHost(home));

  it('prints help and version, and rejects bad arguments with exit 2', async () => {
    expect(await aura(home, '--help')).toMatchObject({ code: 0, out: expect.stringContaining('audit verify') });
    expect(await aura(home, '--version')).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(await aura(home)).toMatchObject({ code: 2 });
    expect(await aura(home, 'frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command') });
    expect(await aura(home, 'status', '--nope')).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--nope'") });
    expect(await aura(home, 'settings', 'set', 'theme')).toMatchObject({ code: 2, err: expect.stringContaining('Usage') });
    expect(await aura(home, 'settings', 'get', 'colour')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown key "colour"') });
    expect(await aura(home, 'settings', 'get', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: aura settings get KEY') });
  });

  it('gets and sets settings through the audited contract', async () => {
    expect(await aura(home, 'settings', 'set', 'theme', 'dark')).toMatchObject({ code: 0, out: expect.stringContaining('theme = "dark"') });
    expect(await aura(home, 'settings', 'set', 'theme', 'neon')).toMatchObject({ code: 1, err: expect.stringContaining('expected one of') });
    expect(await aura(home, 'settings', 'get', 'theme')).toMatchObject({ code: 0, out: '"dark"' });
    const all = JSON.parse((await aura(home, 'settings', 'list', '--json')).out);
    expect(all).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('reports status and verifies the audit chain, naming the first bad entry', async () => {
    await aura(home, 'settings', 'set', 'language', 'fr');
    const status = JSON.parse((await aura(home, 'status', '--json')).out);
    expect(status).toMatchObject({ paths: { home }, database: { integrity: 'ok' } });
    expect(await aura(home, 'audit', 'verify')).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: \d+ entries, head [0-9a-f]{64}\nCheckpoint \(none\): No checkpoint: the vault has not been created/) });
    const db = new Database(join(home, 'aura.db'));
    db.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE seq = 1");
    db.close();
    expect(await aura(home, 'audit', 'verify')).toMatchObject({ code: 1, out: expect.stringContaining('BROKEN at entry 1') });
  });

  it('backs up to a new file and refuses to overwrite', async () => {
    const target = join(tempDir(), 'aura-backup.db');
    expect(await aura(home, 'backup', target)).toMatchObject({ code: 0, out: expect.stringContaining(target) });
    expect(await aura(home, 'backup', target)).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'theme'").get()).toEqual({ value: '"dark"' });
    copy.close();
  });

  it('makes, lists and revokes bridge tokens; a revoked token is refused on its next request', async () => {
    const made = await aura(home, 'bridge', 'token', 'create', '--name', 'ci', '--scope', 'tasks:read', '--scope', 'tasks:write');
    expect(made).toMatchObject({ code: 0, out: expect.stringContaining('shown this once') });
    const token = /aura_\S+/.exec(made.out)?.[0];
    const { bridgeUrl } = JSON.parse((await aura(home, 'host', 'status', '--json')).out) as { bridgeUrl: string };
    const tasks = () => fetch(`${bridgeUrl}/tasks`, { headers: { authorization: `Bearer ${token}` } });
    expect((await tasks()).status).toBe(200);
    expect(await aura(home, 'bridge', 'token', 'list')).toMatchObject({ code: 0, out: expect.stringMatching(/^ci +token +tasks:read,tasks:write/) });
    expect(await aura(home, 'bridge', 'token', 'revoke', 'ci')).toMatchObject({ code: 0 });
    expect((await tasks()).status).toBe(401);
    expect(await aura(home, 'bridge', 'token', 'revoke', 'ci')).toMatchObject({ code: 1 });
    expect(await aura(home, 'bridge', 'token', 'create', '--name', 'x', '--scope', 'root')).toMatchObject({ code: 1, err: expect.stringContaining('Invalid input') });
  });

  it('tells the user what to do with a corrupt database instead of resetting it', async () => {
    const broken = tempDir();
    writeFileSync(join(broken, 'aura.db'), 'garbage'.repeat(1000));
    expect(await aura(broken, 'status')).toMatchObject({ code: 1, err: expect.stringMatching(/not a valid Aura Work database[\s\S]*Hint: /) });
  });
});
