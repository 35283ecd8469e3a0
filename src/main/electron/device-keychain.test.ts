import { electronKeychain } from './device-keychain';
import { setupVaultPowerLock } from './vault-power-lock';

const storage = (backend: string, available = true) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend as 'basic_text',
  // A reversible stand-in for the OS: what matters here is that the bytes round-trip and the state is told.
  encryptString: (plain: string) => Buffer.from(`sealed:${plain}`),
  decryptString: (sealed: Buffer) => sealed.toString().replace(/^sealed:/, ''),
});

describe('electronKeychain', () => {
  it('refuses Linux basic_text, whose key is public', () => {
    expect(electronKeychain(storage('basic_text'), 'linux').state()).toBe('insecure-backend');
    expect(electronKeychain(storage('gnome_libsecret'), 'linux').state()).toBe('available');
    expect(electronKeychain(storage('unknown', false), 'darwin').state()).toBe('unavailable');
    expect(electronKeychain(storage('basic_text'), 'darwin').state()).toBe('available');
  });

  it('round-trips binary keys', () => {
    const keychain = electronKeychain(storage('kwallet5'), 'linux');
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37) % 256));
    expect(keychain.open(keychain.seal(key)).equals(key)).toBe(true);
  });
});

describe('setupVaultPowerLock', () => {
  it('locks an unlocked vault on suspend and on screen lock, and stops when disposed', () => {
    const handlers = new Map<string, () => void>();
    const power = { on: jest.fn((name: string, fn: () => void) => handlers.set(name, fn)), off: jest.fn((name: string) => handlers.delete(name)) };
    const vault = { unlocked: true, lock: jest.fn() };
    const dispose = setupVaultPowerLock(power as never, vault as never);
    handlers.get('suspend')?.();
    handlers.get('lock-screen')?.();
    expect(vault.lock.mock.calls).toEqual([
      ['system', 'sleep'],
      ['system', 'screen-lock'],
    ]);
    vault.unlocked = false;
    handlers.get('suspend')?.();
    expect(vault.lock).toHaveBeenCalledTimes(2);
    dispose();
    expect(handlers.size).toBe(0);
  });
});
