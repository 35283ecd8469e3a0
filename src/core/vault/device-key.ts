import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { z } from 'zod';
import type { VaultStatus } from '../../shared/vault';
import { writeFileAtomic } from '../files/atomic-file';

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
