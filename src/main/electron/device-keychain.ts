import type { SafeStorage } from 'electron';
import type { DeviceKeychain } from '../../core/vault/device-key';

type Storage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & { getSelectedStorageBackend?: SafeStorage['getSelectedStorageBackend'] };

/**
 * SECURITY: the system keychain through Electron safeStorage (Keychain, DPAPI, libsecret/KWallet). On Linux the
 * `basic_text` backend encrypts with a key anyone can read: it is reported as `insecure-backend`, and the vault
 * refuses to remember itself there. safeStorage takes and gives strings, so the key passes through one, as
 * base64, for the length of the call only.
 */
export function electronKeychain(storage: Storage, platform: NodeJS.Platform): DeviceKeychain {
  return {
    state() {
      if (!storage.isEncryptionAvailable()) return 'unavailable';
      if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return 'insecure-backend';
      return 'available';
    },
    seal: (plain) => storage.encryptString(plain.toString('base64')),
    open: (sealed) => Buffer.from(storage.decryptString(sealed), 'base64'),
  };
}
