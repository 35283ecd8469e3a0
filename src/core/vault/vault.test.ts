import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuraError } from '../../shared/errors';
import { fuzzBudget, fuzzTestTimeoutMs } from '../../../test/support/fuzz-budget';
import { tempDir } from '../../../test/support/temp-app';
import { clearSecretsForTests, redactSecrets } from '../secrets/secret-values';
import { associatedData, KEY_BYTES, openInto, randomBytes, seal } from './vault-crypto';
import { readVaultFile } from './vault-file';
import { unlockDelayMs, Vault } from './vault';

const PASSWORD = 'correct horse battery staple';
// Each init, unlock and password change is an Argon2id derivation at 64 MiB: room for a loaded 2-core machine.
jest.setTimeout(60_000);

function freshVault(options: { clock?: () => number; autoLockMinutes?: number } = {}) {
  const file = join(tempDir('aura-vault-'), 'vault.json');
  const make = () => new Vault({ file, autoLockMinutes: () => options.autoLockMinutes ?? 15, ...(options.clock ? { clock: options.clock } : {}) });
  return { file, make, vault: make() };
}

async function refused(run: () => unknown, code: string): Promise<void> {
  let error: unknown;
  try {
    await run();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(AuraError);
  expect((error as AuraError).code).toBe(code);
}

afterEach(() => clearSecretsForTests());

describe('Vault', () => {
  it('stores and reads secrets, and refuses every secret operation after lock', async () => {
    const { vault, make } = freshVault();
    expect(vault.status()).toMatchObject({ initialised: false, unlocked: false });
    await vault.init(PASSWORD, 'test');
    vault.set('openai', 'sk-test-1234567890abcdef', 'test');
    expect(vault.get('openai')).toBe('sk-test-1234567890abcdef');
    expect(vault.list().map((item) => item.name)).toEqual(['openai']);
    expect(vault.status()).toMatchObject({ initialised: true, unlocked: true, items: 1 });

    vault.lock('test');
    expect(vault.status()).toMatchObject({ unlocked: false, items: null });
    expect(vault.authenticate(Buffer.from('x'))).toBeNull();
    await refused(() => vault.get('openai'), 'FORBIDDEN');
    await refused(() => vault.set('other', 'value-value-value', 'test'), 'FORBIDDEN');
    await refused(() => vault.list(), 'FORBIDDEN');
    await refused(() => vault.remove('openai', 'test'), 'FORBIDDEN');

    // A new process reads the same file and unlocks it.
    const again = make();
    await again.unlock(PASSWORD, 'test');
    expect(again.get('openai')).toBe('sk-test-1234567890abcdef');
    expect(again.remove('openai', 'test')).toBe(true);
    expect(again.list()).toEqual([]);
  });

  it('refuses a wrong password, and slows down repeated ones across a restart', async () => {
    let now = 1_000_000;
    const { vault, make } = freshVault({ clock: () => now });
    await vault.init(PASSWORD, 'test');
    vault.lock('test');
    for (let i = 0; i < 3; i++) await refused(() => vault.unlock('wrong password', 'test'), 'UNAUTHORIZED');
    expect(vault.unlocked).toBe(false);
    // Three are free; then a delay, which doubles, and which a restart (a new Vault on the same file) keeps.
    expect(vault.status().retryAfterSeconds).toBe(1);
    const slowed = make();
    expect(slowed.status().retryAfterSeconds).toBe(1);
    await refused(() => slowed.unlock(PASSWORD, 'test'), 'RATE_LIMITED');
    now += 1000;
    await refused(() => slowed.unlock('wrong again', 'test'), 'UNAUTHORIZED');
    expect(unlockDelayMs(4)).toBe(2000);
    expect(make().status().retryAfterSeconds).toBe(2);
    now += 2000;
    await slowed.unlock(PASSWORD, 'test');
    expect(slowed.status()).toMatchObject({ unlocked: true, retryAfterSeconds: 0 });
  });

  it('takes password attempts one at a time: parallel ones do not slip past the delay, nor two inits', async () => {
    const now = 5_000_000;
    const { vault } = freshVault({ clock: () => now });
    const inits = await Promise.allSettled([vault.init(PASSWORD, 'test'), vault.init('another password', 'test')]);
    expect(inits.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    vault.lock('test');
    const attempts = await Promise.allSettled(Array.from({ length: 5 }, () => vault.unlock('wrong password', 'test')));
    const codes = attempts.map((r) => (r.status === 'rejected' ? (r.reason as AuraError).code : 'OK'));
    expect(codes).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('does not open a ciphertext moved to another item', async () => {
    const { vault, file, make } = freshVault();
    await vault.init(PASSWORD, 'test');
    vault.set('first', 'first-secret-value-123', 'test');
    vault.set('second', 'second-secret-value-456', 'test');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { items: Record<string, unknown> };
    [json.items.first, json.items.second] = [json.items.second, json.items.first];
    writeFileSync(file, JSON.stringify(json));
    const swapped = make();
    await swapped.unlock(PASSWORD, 'test');
    await refused(() => swapped.get('first'), 'DB_CORRUPT');
    await refused(() => swapped.get('second'), 'DB_CORRUPT');
  });

  it(
    'opens nothing after any single bit flip (10k flips of items and of the wrapped key)',
    () => {
      const key = randomBytes(KEY_BYTES);
      const ad = associatedData('item', '6c1f0b6e-1111-4222-8333-944445555666', 'openai');
      const box = seal(key, Buffer.from('sk-canary-value-0123456789'), ad);
      const wrapped = seal(key, randomBytes(KEY_BYTES), associatedData('key', 'id', 'data-key'));
      let opened = 0;
      fc.assert(
        fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 7 }), (inKey, at, bit) => {
          const target = inKey ? wrapped : box;
          const whole = Buffer.concat([target.nonce, target.sealed]);
          const index = at % whole.length;
          whole[index] = whole[index]! ^ (1 << bit);
          const altered = { nonce: whole.subarray(0, 24), sealed: whole.subarray(24) };
          const out = Buffer.alloc(target.sealed.length - 16);
          if (openInto(out, key, altered, inKey ? associatedData('key', 'id', 'data-key') : ad)) opened += 1;
          return true;
        }),
        fuzzBudget(10_000),
      );
      expect(opened).toBe(0);
      // Unaltered, it opens: the property above can fail.
      expect(openInto(Buffer.alloc(26), key, box, ad)).toBe(true);
    },
    fuzzTestTimeoutMs(),
  );

  it('refuses a header outside the bounds before running any key derivation', async () => {
    const { vault, file } = freshVault();
    await vault.init(PASSWORD, 'test');
    const good = readFileSync(file, 'utf8');
    const cases: [string, (json: Record<string, Record<string, unknown>>) => void][] = [
      ['memory', (json) => (json.kdf!.memoryKiB = 2 ** 40)],
      ['too little memory', (json) => (json.kdf!.memoryKiB = 8)],
      ['iterations', (json) => (json.kdf!.iterations = 1_000_000_000)],
      ['parallelism', (json) => (json.kdf!.parallelism = 0)],
      ['salt', (json) => (json.kdf!.salt = Buffer.alloc(4).toString('base64'))],
      ['algorithm', (json) => (json.kdf!.algorithm = 'pbkdf2')],
      ['version', (json) => ((json as Record<string, unknown>).version = 99)],
      ['wrapped key size', (json) => (json.key!.sealed = Buffer.alloc(4096).toString('base64'))],
      ['item name', (json) => (json.items!['../etc'] = { nonce: Buffer.alloc(24).toString('base64'), sealed: '', updatedAt: '' })],
    ];
    for (const [, mutate] of cases) {
      const json = JSON.parse(good) as Record<string, Record<string, unknown>>;
      mutate(json);
      writeFileSync(file, JSON.stringify(json));
      expect(() => readVaultFile(file)).toThrow(/not a vault Aura can read/);
    }
    writeFileSync(file, 'x'.repeat(33 * 1024 * 1024));
    expect(() => readVaultFile(file)).toThrow(/larger than any vault/);
    writeFileSync(file, '{not json');
    expect(() => readVaultFile(file)).toThrow(/not JSON/);
  });

  it('keeps every secret through a password change, which re-wraps the data key only', async () => {
    const { vault, file, make } = freshVault();
    await vault.init(PASSWORD, 'test');
    const values = Array.from({ length: 20 }, (_, i) => [`key-${i}`, `secret-value-number-${i}-${'x'.repeat(i)}`] as const);
    for (const [name, value] of values) vault.set(name, value, 'test');
    const itemsBefore = JSON.parse(readFileSync(file, 'utf8')).items as unknown;
    await refused(() => vault.changePassword('not the password', 'a new password 2', 'test'), 'UNAUTHORIZED');
    await vault.changePassword(PASSWORD, 'a new password 2', 'test');
    expect(JSON.parse(readFileSync(file, 'utf8')).items).toEqual(itemsBefore);

    const reopened = make();
    await refused(() => reopened.unlock(PASSWORD, 'test'), 'UNAUTHORIZED');
    await reopened.unlock('a new password 2', 'test');
    for (const [name, value] of values) expect(reopened.get(name)).toBe(value);
  });

  it('keeps a secret stored while a password change is under way', async () => {
    const { vault, make } = freshVault();
    await vault.init(PASSWORD, 'test');
    const changing = vault.changePassword(PASSWORD, 'a new password 3', 'test');
    vault.set('during', 'stored-during-the-change', 'test');
    await changing;
    const reopened = make();
    await reopened.unlock('a new password 3', 'test');
    expect(reopened.get('during')).toBe('stored-during-the-change');
  });

  it('registers what it reads for redaction by value', async () => {
    const { vault } = freshVault();
    await vault.init(PASSWORD, 'test');
    vault.set('token', 'ghp_canary_value_for_redaction', 'test');
    clearSecretsForTests();
    expect(vault.get('token')).toBe('ghp_canary_value_for_redaction');
    expect(redactSecrets('error: bad token ghp_canary_value_for_redaction')).toBe('error: bad token [secret redacted]');
  });

  it('wipes its keys on lock even when the audit trail cannot be written', async () => {
    const file = join(tempDir('aura-vault-'), 'vault.json');
    let auditWorks = true;
    const vault = new Vault({ file, autoLockMinutes: () => 15, audit: () => {
      if (!auditWorks) throw new Error('disk full');
    } });
    await vault.init(PASSWORD, 'test');
    auditWorks = false;
    expect(() => vault.lock('test')).toThrow('disk full');
    expect(vault.unlocked).toBe(false);
    await refused(() => vault.list(), 'FORBIDDEN');
  });

  it('locks itself after the idle minutes', async () => {
    const { vault } = freshVault({ autoLockMinutes: 1 });
    await vault.init(PASSWORD, 'test');
    jest.useFakeTimers();
    try {
      vault.list(); // an operation restarts the idle clock
      jest.advanceTimersByTime(59_000);
      expect(vault.unlocked).toBe(true);
      vault.list();
      jest.advanceTimersByTime(59_000);
      expect(vault.unlocked).toBe(true);
      jest.advanceTimersByTime(1_001);
      expect(vault.unlocked).toBe(false);
      await refused(() => vault.get('anything'), 'FORBIDDEN');
    } finally {
      jest.useRealTimers();
    }
  });
});
