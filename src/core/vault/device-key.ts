import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { z } from 'zod';
import { AuraError } from '../../shared/errors';
import type { VaultStatus } from '../../shared/vault';
import { writeFileAtomic } from '../files/atomic-file';
import { deriveSubkey, equalBytes, KEY_BYTES, mac, secureBuffer, wipe } from './vault-crypto';

/**
 * The system keychain, as the desktop host offers it (Electron safeStorage). Core never imports Electron:
 * the host hands this in, and the headless host has none.
 */
export interface DeviceKeychain {
  /** `insecure-backend`: Linux's `basic_text` store, whose key is public: refused (SECURITY.md, Vault). */
  state(): 'available' | 'insecure-backend' | 'unavailable';
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

export type DeviceState = VaultStatus['device']['state'];

const DeviceFileSchema = z
  .object({
    format: z.literal('aura-vault-device'),
    vaultId: z.uuid(),
    /** The data key, sealed by the keychain. */
    sealed: z.base64().max(4096),
    /** A keyed hash of the vault id under a sub-key of the data key: proves the key opened is this vault's. */
    check: z.base64().max(128),
  })
  .strict();

export interface RememberedKey {
  vaultId: string;
  sealed: Buffer;
  check: Buffer;
}

/** The remembered key file, or null when there is none or it cannot be read (then the password is asked). */
export function readRememberedKey(path: string): RememberedKey | null {
  if (!existsSync(path) || statSync(path).size > 16 * 1024) return null;
  try {
    const parsed = DeviceFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) return null;
    return { vaultId: parsed.data.vaultId, sealed: Buffer.from(parsed.data.sealed, 'base64'), check: Buffer.from(parsed.data.check, 'base64') };
  } catch {
    return null;
  }
}

export function writeRememberedKey(path: string, key: RememberedKey): void {
  const json = { format: 'aura-vault-device', vaultId: key.vaultId, sealed: key.sealed.toString('base64'), check: key.check.toString('base64') };
  writeFileAtomic(path, `${JSON.stringify(json)}\n`, 0o600);
}

export function forgetRememberedKey(path: string): void {
  rmSync(path, { force: true });
}

export const refusedDevice = (state: DeviceState) =>
  state === 'insecure-backend'
    ? new AuraError('FORBIDDEN', 'This system keeps keychain secrets in plain text (Linux basic_text): Aura will not remember the vault there.', 'Install and unlock a keyring (GNOME Keyring or KWallet) and restart Aura Work, or keep using the password.')
    : state === 'desktop-only'
      ? new AuraError('FORBIDDEN', 'Only the desktop app can remember the vault on this device.', 'Use the password here.')
      : new AuraError('FORBIDDEN', 'No system keychain is available.', 'Keep using the password, or set up the system keychain and restart Aura Work.');

/** Ties a remembered key to its vault, without revealing anything about the key. */
function deviceCheck(dataKey: Buffer, vaultId: string): Buffer {
  const subkey = deriveSubkey(dataKey, 2, 'auradevc');
  try {
    return mac(subkey, Buffer.from(vaultId, 'utf8'));
  } finally {
    wipe(subkey);
  }
}

/** The data key sealed by the keychain, with the check that ties it to this vault. */
export function sealRememberedKey(keychain: DeviceKeychain, dataKey: Buffer, vaultId: string): RememberedKey {
  return { vaultId, sealed: keychain.seal(dataKey), check: deviceCheck(dataKey, vaultId) };
}

/** The data key, in secure memory, out of a remembered key; refused when it is not this vault's. */
export function openRememberedKey(keychain: DeviceKeychain, remembered: RememberedKey, vaultId: string): Buffer {
  let opened: Buffer;
  try {
    opened = keychain.open(remembered.sealed);
  } catch {
    throw new AuraError('UNAUTHORIZED', 'The system keychain did not open the remembered key.', 'Unlock with the password; then turn "Remember on this device" off and on again.');
  }
  const dataKey = secureBuffer(KEY_BYTES);
  const fits = opened.length === KEY_BYTES;
  if (fits) opened.copy(dataKey);
  wipe(opened);
  if (!fits || !equalBytes(deviceCheck(dataKey, vaultId), remembered.check)) {
    wipe(dataKey);
    throw new AuraError('UNAUTHORIZED', "The remembered key is not this vault's.", 'Unlock with the password, then turn "Remember on this device" on again.');
  }
  return dataKey;
}
