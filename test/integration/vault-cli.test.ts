import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { auraOnTerminal, auraPiped, filesUnder, stopHost } from '../support/aura-cli';
import { tempDir } from '../support/temp-app';

const PASSWORD = 'first vault password';
const NEW_PASSWORD = 'second vault password';
// A key-shaped canary: after typical use, no file in the data folder (database, logs, backups) may hold it.
const CANARY = `sk-canary-${Date.now().toString(36)}-0123456789abcdef`;

const aura = auraPiped;

jest.setTimeout(120_000);

describe('aura vault', () => {
  const home = tempDir('aura-vault-cli-');
  const withPassword = { env: { AURA_VAULT_PASSWORD: PASSWORD } };
  afterAll(() => stopHost(home));

  it('creates the vault with the password from the environment, never from argv', async () => {
    expect(await aura(home, ['vault', 'status'])).toMatchObject({ code: 0, out: expect.stringContaining('No vault yet') });
    expect(await aura(home, ['vault', 'init', '--password', PASSWORD])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--password'") });
    expect(await aura(home, ['vault', 'init'])).toMatchObject({ code: 2, err: expect.stringContaining('AURA_VAULT_PASSWORD') });
    expect(await aura(home, ['vault', 'init'], withPassword)).toMatchObject({ code: 0, out: expect.stringContaining('Vault created and unlocked') });
    expect(await aura(home, ['vault', 'init'], withPassword)).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
  });

  it('stores a value read from stdin, reads it back, lists and removes', async () => {
    expect(await aura(home, ['vault', 'set', 'openai', '--value', CANARY])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--value'") });
    expect(await aura(home, ['vault', 'set', 'openai'], { stdin: `${CANARY}\n` })).toMatchObject({ code: 0, out: 'Stored openai.' });
    expect(await aura(home, ['vault', 'set', 'spare'], { stdin: 'spare-secret-value-0000' })).toMatchObject({ code: 0 });
    expect(await aura(home, ['vault', 'get', 'openai'])).toMatchObject({ code: 0, out: CANARY });
    expect((await aura(home, ['vault', 'list'])).out).toMatch(/^openai\s+\S+\nspare\s+\S+$/);
    expect(await aura(home, ['vault', 'rm', 'spare'])).toMatchObject({ code: 0, out: 'Removed.' });
    expect(await aura(home, ['vault', 'get', 'spare'])).toMatchObject({ code: 1, err: expect.stringContaining('No secret named "spare"') });
    expect(await aura(home, ['vault', 'status'])).toMatchObject({ code: 0, out: expect.stringContaining('unlocked, 1 secret') });
  });

  it('refuses secret operations once locked, and a wrong password', async () => {
    expect(await aura(home, ['vault', 'lock'])).toMatchObject({ code: 0, out: 'Vault: locked' });
    for (const argv of [['vault', 'get', 'openai'], ['vault', 'list'], ['vault', 'rm', 'openai']]) {
      expect(await aura(home, argv)).toMatchObject({ code: 1, err: expect.stringContaining('The vault is locked') });
    }
    expect(await aura(home, ['vault', 'set', 'x'], { stdin: 'some-value-here-123' })).toMatchObject({ code: 1, err: expect.stringContaining('locked') });
    expect(await aura(home, ['vault', 'unlock'], { env: { AURA_VAULT_PASSWORD: 'not it at all' } })).toMatchObject({ code: 1, err: expect.stringContaining('Wrong vault password') });
    expect(await aura(home, ['vault', 'unlock'], withPassword)).toMatchObject({ code: 0, out: expect.stringContaining('unlocked') });
    expect(await aura(home, ['vault', 'get', 'openai'])).toMatchObject({ code: 0, out: CANARY });
  });

  it('changes the password and keeps the secrets', async () => {
    expect(await aura(home, ['vault', 'passwd'], { env: { AURA_VAULT_PASSWORD: PASSWORD, AURA_VAULT_NEW_PASSWORD: NEW_PASSWORD } })).toMatchObject({ code: 0, out: expect.stringContaining('Password changed') });
    await aura(home, ['vault', 'lock']);
    expect(await aura(home, ['vault', 'unlock'], withPassword)).toMatchObject({ code: 1 });
    expect(await aura(home, ['vault', 'unlock'], { env: { AURA_VAULT_PASSWORD: NEW_PASSWORD } })).toMatchObject({ code: 0 });
    expect(await aura(home, ['vault', 'get', 'openai'])).toMatchObject({ code: 0, out: CANARY });
  });

  it('checks the audit trail against its signed checkpoint', async () => {
    expect(await aura(home, ['audit', 'verify'])).toMatchObject({ code: 0, out: expect.stringContaining('Checkpoint (verified)') });
    await aura(home, ['vault', 'lock']);
    expect(await aura(home, ['audit', 'verify'])).toMatchObject({ code: 0, out: expect.stringMatching(/Checkpoint \(unchecked\): .*vault is locked/) });
  });

  it('asks for passwords and values on a terminal without showing them', async () => {
    const other = tempDir('aura-vault-tty-');
    try {
      const created = await auraOnTerminal(other, ['vault', 'init'], [
        { prompt: 'New vault password: ', answer: 'typed on the terminal 1' },
        { prompt: 'Repeat it: ', answer: 'typed on the terminal 1' },
      ]);
      expect(created.code).toBe(0);
      expect(created.screen).toContain('Vault created and unlocked');
      const stored = await auraOnTerminal(other, ['vault', 'set', 'typed'], [{ prompt: 'Value (not shown): ', answer: 'typed-secret-value-42' }]);
      expect(stored.screen).toContain('Stored typed.');
      await aura(other, ['vault', 'lock']);
      const unlocked = await auraOnTerminal(other, ['vault', 'unlock'], [{ prompt: 'Vault password: ', answer: 'typed on the terminal 1' }]);
      expect(unlocked).toMatchObject({ code: 0, screen: expect.stringContaining('unlocked, 1 secret') });
      for (const { screen } of [created, stored, unlocked]) {
        expect(screen).not.toContain('typed on the terminal');
        expect(screen).not.toContain('typed-secret-value-42');
      }
      expect(await aura(other, ['vault', 'get', 'typed'])).toMatchObject({ out: 'typed-secret-value-42' });
    } finally {
      await stopHost(other);
    }
  });

  it('leaves no copy of a secret on disk: database, logs, backups (0 hits)', async () => {
    await aura(home, ['vault', 'unlock'], { env: { AURA_VAULT_PASSWORD: NEW_PASSWORD } });
    expect(await aura(home, ['vault', 'get', 'openai'])).toMatchObject({ out: CANARY });
    expect(await aura(home, ['backup', join(home, 'backups', 'after-use.db')])).toMatchObject({ code: 0 });
    expect(await aura(home, ['audit', 'list', '--json'])).toMatchObject({ code: 0 });
    await stopHost(home);
    const files = filesUnder(home);
    expect(files.some((path) => path.endsWith('after-use.db'))).toBe(true);
    expect(files.some((path) => path.includes('logs'))).toBe(true);
    const hits = files.filter((path) => readFileSync(path).includes(CANARY) || readFileSync(path).includes(PASSWORD) || readFileSync(path).includes(NEW_PASSWORD));
    expect(hits).toEqual([]);
  });
});
