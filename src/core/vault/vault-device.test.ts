import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraError } from '../../shared/errors';
import { clearSecretsForTests } from '../secrets/secret-values';
import type { DeviceKeychain } from './device-key';
import { Vault } from './vault';

const PASSWORD = 'correct horse battery staple';
jest.setTimeout(60_000);

/** A keychain that XORs with a fixed pad: reversible, and the sealed bytes differ from the key's. */
function fakeKeychain(state: ReturnType<DeviceKeychain['state']> = 'available'): DeviceKeychain & { setState(next: ReturnType<DeviceKeychain['state']>): void } {
  let current = state;
  const pad = (bytes: Buffer) => Buffer.from(bytes.map((byte, index) => byte ^ ((index * 91 + 7) % 256)));
  return { state: () => current, setState: (next) => (current = next), seal: pad, open: pad };
}

function vaultWith(keychain?: DeviceKeychain) {
  const dir = mkdtempSync(join(tmpdir(), 'aura-vault-device-'));
  const options = { file: join(dir, 'vault.json'), autoLockMinutes: () => 15, ...(keychain ? { device: { keychain, file: join(dir, 'vault-device.json') } } : {}) };
  return { dir, make: () => new Vault(options), vault: new Vault(options) };
}

const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (err) {
    return err instanceof AuraError ? err.code : 'not an AuraError';
  }
};

afterEach(() => clearSecretsForTests());

describe('Remember on this device', () => {
  it('unlocks a fresh start with the keychain, and is forgotten on request and on a password change', async () => {
    const keychain = fakeKeychain();
    const { vault, make, dir } = vaultWith(keychain);
    await vault.init(PASSWORD, 'test');
    vault.set('canary', 'sk-canary-0123456789', 'test');
    expect(vault.remember(true, 'test').device).toEqual({ state: 'available', remembered: true });
    vault.lock('test');

    const restarted = make();
    expect(restarted.status()).toMatchObject({ unlocked: false, device: { remembered: true } });
    restarted.unlockWithDevice('test');
    expect(restarted.get('canary')).toBe('sk-canary-0123456789');

    restarted.remember(false, 'test');
    restarted.lock('test');
    expect(codeOf(() => restarted.unlockWithDevice('test'))).toBe('NOT_FOUND');

    await restarted.unlock(PASSWORD, 'test');
    restarted.remember(true, 'test');
    await restarted.changePassword(PASSWORD, 'another long password', 'test');
    expect(restarted.status().device.remembered).toBe(false);
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).not.toContain('canary-0123');
  });

  it("refuses Linux's plain-text keychain, a missing one, and the headless host", async () => {
    const keychain = fakeKeychain('insecure-backend');
    const { vault } = vaultWith(keychain);
    await vault.init(PASSWORD, 'test');
    expect(codeOf(() => vault.remember(true, 'test'))).toBe('FORBIDDEN');
    keychain.setState('unavailable');
    expect(codeOf(() => vault.remember(true, 'test'))).toBe('FORBIDDEN');
    expect(vault.status().device).toEqual({ state: 'unavailable', remembered: false });

    const headless = vaultWith().vault;
    await headless.init(PASSWORD, 'test');
    expect(headless.status().device.state).toBe('desktop-only');
    expect(codeOf(() => headless.remember(true, 'test'))).toBe('FORBIDDEN');
  });

  it('refuses a remembered key that is not this vault\'s, and one the keychain now calls insecure', async () => {
    const keychain = fakeKeychain();
    const { vault, dir } = vaultWith(keychain);
    await vault.init(PASSWORD, 'test');
    vault.remember(true, 'test');
    vault.lock('test');
    const path = join(dir, 'vault-device.json');
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { sealed: string };
    const flipped = Buffer.from(saved.sealed, 'base64');
    flipped[3] = (flipped[3] ?? 0) ^ 1;
    writeFileSync(path, JSON.stringify({ ...saved, sealed: flipped.toString('base64') }));
    expect(codeOf(() => vault.unlockWithDevice('test'))).toBe('UNAUTHORIZED');
    expect(vault.unlocked).toBe(false);

    writeFileSync(path, JSON.stringify(saved));
    keychain.setState('insecure-backend');
    expect(codeOf(() => vault.unlockWithDevice('test'))).toBe('FORBIDDEN');
    keychain.setState('available');
    vault.unlockWithDevice('test');
    expect(vault.unlocked).toBe(true);
  });
});
