import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { AuraError } from '../../shared/errors';
import type { VaultItemInfo, VaultStatus } from '../../shared/vault';
import { registerSecret } from '../secrets/secret-values';
import { associatedData, deriveSubkey, KEY_BYTES, mac, openInto, randomBytes, seal, secureBuffer, wipe } from './vault-crypto';
import { forgetRememberedKey, openRememberedKey, readRememberedKey, refusedDevice, sealRememberedKey, writeRememberedKey, type DeviceKeychain, type DeviceState } from './device-key';
import { DEFAULT_KDF, readVaultFile, writeVaultFile, type KdfParams, type VaultFile } from './vault-file';

/** Failures allowed before the unlock delay starts; then it doubles from 1 s up to 15 minutes. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 15 * 60_000;

export function unlockDelayMs(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES));
}

export interface VaultOptions {
  /** `vault.json` in the data folder. */
  file: string;
  /** Minutes without a vault operation before it locks itself (the `vaultAutoLockMinutes` setting). */
  autoLockMinutes: () => number;
  /** Records an event in the audit trail (names only, never values). */
  audit?: (record: { actor: string; action: string; target?: string | null; detail?: Record<string, unknown> }) => void;
  clock?: () => number;
  /** Told after anything that changes the status (unlock, lock, idle lock, remember): the UI refreshes. */
  onChange?: () => void;
  /** The desktop app's system keychain, for "remember on this device"; `file` holds the wrapped key. */
  device?: { keychain: DeviceKeychain; file: string };
}

export type LockReason = 'asked' | 'idle' | 'shutdown' | 'sleep' | 'screen-lock';
type LockListener = (reason: LockReason) => void;

/**
 * SECURITY: the vault service (SECURITY.md, Vault). An Argon2id key-encryption key, derived from the password,
 * wraps a random 256-bit data key; each item is sealed under the data key. While unlocked the data key (and the
 * audit checkpoint key derived from it) live in sodium's guarded memory; lock wipes them, and every secret
 * operation after lock is refused.
 */
export class Vault {
  private file: VaultFile | null;
  private dataKey: Buffer | null = null;
  private auditKey: Buffer | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly beforeLock: LockListener[] = [];
  private readonly afterUnlock: ((created: boolean) => void)[] = [];
  private readonly clock: () => number;
  private passwordWork: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: VaultOptions) {
    this.clock = options.clock ?? Date.now;
    this.file = readVaultFile(options.file);
  }

  get initialised(): boolean {
    return this.file !== null;
  }

  get unlocked(): boolean {
    return this.dataKey !== null;
  }

  /** The vault's id, or null before init. */
  get id(): string | null {
    return this.file?.id ?? null;
  }

  /** Called while the keys are still there, just before lock (the audit trail takes a checkpoint). */
  onBeforeLock(listener: LockListener): void {
    this.beforeLock.push(listener);
  }

  /** Called after unlock, and after init (`created`). */
  onUnlocked(listener: (created: boolean) => void): void {
    this.afterUnlock.push(listener);
  }

  status(): VaultStatus {
    const attempts = this.file?.attempts;
    const wait = attempts?.lastFailureAt ? attempts.lastFailureAt + unlockDelayMs(attempts.failures) - this.clock() : 0;
    return {
      initialised: this.initialised,
      unlocked: this.unlocked,
      items: this.unlocked && this.file ? Object.keys(this.file.items).length : null,
      autoLockMinutes: this.options.autoLockMinutes(),
      retryAfterSeconds: Math.max(0, Math.ceil(wait / 1000)),
      device: { state: this.deviceState(), remembered: this.remembered() },
    };
  }

  private deviceState(): DeviceState {
    return this.options.device ? this.options.device.keychain.state() : 'desktop-only';
  }

  private remembered(): boolean {
    const device = this.options.device;
    return !!device && !!this.file && readRememberedKey(device.file)?.vaultId === this.file.id;
  }

  /**
   * "Remember on this device": the data key, sealed by the system keychain, in a file of its own; or forgotten.
   * Refused where the keychain is missing or is Linux's plain-text store (SECURITY.md, Vault).
   */
  remember(on: boolean, actor: string): VaultStatus {
    const device = this.options.device;
    if (!on) {
      if (device) forgetRememberedKey(device.file);
      this.options.audit?.({ actor, action: 'vault.forgetDevice', target: null });
      this.options.onChange?.();
      return this.status();
    }
    const { file, key } = this.open();
    const state = this.deviceState();
    if (!device || state !== 'available') throw refusedDevice(state);
    writeRememberedKey(device.file, sealRememberedKey(device.keychain, key, file.id));
    this.options.audit?.({ actor, action: 'vault.rememberDevice', target: null });
    this.options.onChange?.();
    return this.status();
  }

  /** Unlocks with the remembered key; refused when there is none, or it is not this vault's. */
  unlockWithDevice(actor: string): VaultStatus {
    const file = this.requireFile();
    const device = this.options.device;
    const state = this.deviceState();
    if (!device || state !== 'available') throw refusedDevice(state);
    const remembered = readRememberedKey(device.file);
    if (!remembered || remembered.vaultId !== file.id) throw new AuraError('NOT_FOUND', 'This device does not remember the vault.', 'Unlock it with its password, then turn on "Remember on this device".');
    if (this.dataKey) return this.status();
    const dataKey = openRememberedKey(device.keychain, remembered, file.id);
    this.options.audit?.({ actor, action: 'vault.unlock', target: null, detail: { with: 'device' } });
    this.setKeys(dataKey, false);
    return this.status();
  }

  init(password: string, actor: string, kdf: Omit<KdfParams, 'salt'> = DEFAULT_KDF): Promise<VaultStatus> {
    return this.oneAtATime(() => this.initNow(password, actor, kdf));
  }

  unlock(password: string, actor: string): Promise<VaultStatus> {
    return this.oneAtATime(() => this.unlockNow(password, actor));
  }

  /** Re-wraps the data key under a key from the new password; the items are not touched. */
  changePassword(current: string, next: string, actor: string): Promise<VaultStatus> {
    return this.oneAtATime(() => this.changePasswordNow(current, next, actor));
  }

  /**
   * Password work runs one call at a time: parallel attempts would each pass the delay check before any of
   * them failed (and two inits would each write a vault).
   */
  private oneAtATime<T>(run: () => Promise<T>): Promise<T> {
    const result = this.passwordWork.then(run, run);
    this.passwordWork = result.catch(() => undefined);
    return result;
  }

  private async initNow(password: string, actor: string, kdf: Omit<KdfParams, 'salt'>): Promise<VaultStatus> {
    if (this.file) throw new AuraError('CONFLICT', 'The vault already exists.', 'Unlock it with `aura vault unlock`, or change its password with `aura vault passwd`.');
    const params = { ...kdf, salt: randomBytes(16) };
    const id = randomUUID();
    const kek = await deriveKek(password, params);
    const dataKey = secureBuffer(KEY_BYTES);
    try {
      randomFill(dataKey);
      const file: VaultFile = { id, kdf: params, key: seal(kek, dataKey, associatedData('key', id, 'data-key')), items: {}, attempts: { failures: 0, lastFailureAt: null } };
      writeVaultFile(this.options.file, file);
      this.file = file;
    } catch (err) {
      wipe(dataKey);
      throw err;
    } finally {
      wipe(kek);
    }
    registerSecret(password);
    this.options.audit?.({ actor, action: 'vault.init', target: null, detail: { memoryKiB: params.memoryKiB, iterations: params.iterations, parallelism: params.parallelism } });
    this.setKeys(dataKey, true);
    return this.status();
  }

  private async unlockNow(password: string, actor: string): Promise<VaultStatus> {
    const file = this.requireFile();
    const { retryAfterSeconds } = this.status();
    if (retryAfterSeconds > 0) throw new AuraError('RATE_LIMITED', `Too many wrong passwords: the next try is taken in ${retryAfterSeconds} s.`, 'Wait, then try again; each wrong password doubles the wait.');
    const dataKey = await this.unwrap(file, password);
    if (!dataKey) {
      const failures = this.recordAttempt(false);
      this.options.audit?.({ actor, action: 'vault.unlock.failed', target: null, detail: { failures } });
      throw new AuraError('UNAUTHORIZED', 'Wrong vault password.', 'Check the password (or AURA_VAULT_PASSWORD) and try again.');
    }
    registerSecret(password);
    this.recordAttempt(true);
    if (this.dataKey) wipe(dataKey);
    else {
      // Audited first, so the checkpoint taken on unlock covers the unlock itself.
      this.options.audit?.({ actor, action: 'vault.unlock', target: null });
      this.setKeys(dataKey, false);
    }
    this.touch();
    return this.status();
  }

  lock(actor: string, reason: LockReason = 'asked'): VaultStatus {
    try {
      if (this.dataKey) {
        // Audited first, so the checkpoint taken by the listeners covers the lock itself.
        this.options.audit?.({ actor, action: 'vault.lock', target: null, detail: { reason } });
        for (const listener of this.beforeLock) listener(reason);
      }
    } finally {
      // Whatever failed above (a full disk), the keys go.
      wipe(this.dataKey);
      wipe(this.auditKey);
      this.dataKey = null;
      this.auditKey = null;
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.options.onChange?.();
    return this.status();
  }

  set(name: string, value: string, actor: string): VaultItemInfo {
    const { file, key } = this.open();
    const plain = Buffer.from(value, 'utf8');
    const updatedAt = new Date(this.clock()).toISOString();
    try {
      const next = { ...file, items: { ...file.items, [name]: { ...seal(key, plain, associatedData('item', file.id, name)), updatedAt } } };
      writeVaultFile(this.options.file, next);
      this.file = next;
    } finally {
      wipe(plain);
    }
    registerSecret(value);
    this.options.audit?.({ actor, action: 'vault.set', target: name });
    this.options.onChange?.();
    return { name, updatedAt };
  }

  /** A secret's value; registered for redaction by value before it goes anywhere. */
  get(name: string): string {
    const { file, key } = this.open();
    const item = file.items[name];
    if (!item) throw new AuraError('NOT_FOUND', `No secret named "${name}" in the vault.`, 'See the names with `aura vault list`.');
    const plain = Buffer.alloc(Math.max(0, item.sealed.length - 16));
    if (!openInto(plain, key, item, associatedData('item', file.id, name))) throw new AuraError('DB_CORRUPT', `The secret "${name}" has been altered or moved: it does not open.`, 'Store it again with `aura vault set`.');
    const value = plain.toString('utf8');
    wipe(plain);
    registerSecret(value);
    return value;
  }

  list(): VaultItemInfo[] {
    const { file } = this.open();
    return Object.entries(file.items)
      .map(([name, item]) => ({ name, updatedAt: item.updatedAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  remove(name: string, actor: string): boolean {
    const { file } = this.open();
    if (!file.items[name]) return false;
    const items = { ...file.items };
    delete items[name];
    const next = { ...file, items };
    writeVaultFile(this.options.file, next);
    this.file = next;
    this.options.audit?.({ actor, action: 'vault.remove', target: name });
    this.options.onChange?.();
    return true;
  }

  private async changePasswordNow(current: string, next: string, actor: string): Promise<VaultStatus> {
    const file = this.requireFile();
    if (this.status().retryAfterSeconds > 0) throw new AuraError('RATE_LIMITED', 'Too many wrong passwords: wait before trying again.', 'See `aura vault status` for how long.');
    const dataKey = await this.unwrap(file, current);
    if (!dataKey) {
      this.recordAttempt(false);
      throw new AuraError('UNAUTHORIZED', 'The current vault password is wrong.', 'Nothing was changed.');
    }
    registerSecret(next);
    const params = { ...file.kdf, salt: randomBytes(16) };
    const kek = await deriveKek(next, params);
    try {
      // The file as it is now: items set while the key derivations ran are kept.
      const updated: VaultFile = { ...this.requireFile(), kdf: params, key: seal(kek, dataKey, associatedData('key', file.id, 'data-key')), attempts: { failures: 0, lastFailureAt: null } };
      writeVaultFile(this.options.file, updated);
      this.file = updated;
    } finally {
      wipe(kek);
      wipe(dataKey);
    }
    // A new password is often a response to a leak: this device must prove itself with it again.
    if (this.options.device) forgetRememberedKey(this.options.device.file);
    this.options.audit?.({ actor, action: 'vault.changePassword', target: null });
    return this.status();
  }

  /** Keyed BLAKE2b of `message` under the audit sub-key; null while locked. */
  authenticate(message: Buffer): Buffer | null {
    return this.auditKey ? mac(this.auditKey, message) : null;
  }

  private setKeys(dataKey: Buffer, created: boolean): void {
    this.dataKey = dataKey;
    this.auditKey = deriveSubkey(dataKey, 1, 'auraaudt');
    this.touch();
    for (const listener of this.afterUnlock) listener(created);
    this.options.onChange?.();
  }

  private async unwrap(file: VaultFile, password: string): Promise<Buffer | null> {
    const kek = await deriveKek(password, file.kdf);
    const dataKey = secureBuffer(KEY_BYTES);
    try {
      if (openInto(dataKey, kek, file.key, associatedData('key', file.id, 'data-key'))) return dataKey;
      wipe(dataKey);
      return null;
    } finally {
      wipe(kek);
    }
  }

  /**
   * Counts a wrong password (persisted, so a restart keeps the delay) or clears the count after a right one.
   * Applied to the file as it is now, never to a copy taken before the key derivation's await.
   */
  private recordAttempt(succeeded: boolean): number {
    const current = this.requireFile();
    if (succeeded && !current.attempts.failures) return 0;
    const attempts = succeeded ? { failures: 0, lastFailureAt: null } : { failures: current.attempts.failures + 1, lastFailureAt: this.clock() };
    const next = { ...current, attempts };
    writeVaultFile(this.options.file, next);
    this.file = next;
    return attempts.failures;
  }

  private requireFile(): VaultFile {
    if (!this.file) throw new AuraError('NOT_FOUND', 'There is no vault yet.', 'Create one with `aura vault init`.');
    return this.file;
  }

  /** The file and the data key, or a refusal: every secret operation goes through here. */
  private open(): { file: VaultFile; key: Buffer } {
    const file = this.requireFile();
    if (!this.dataKey) throw new AuraError('FORBIDDEN', 'The vault is locked.', 'Unlock it with `aura vault unlock`.');
    this.touch();
    return { file, key: this.dataKey };
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.lock('system', 'idle'), this.options.autoLockMinutes() * 60_000);
    this.idleTimer.unref();
  }
}

function randomFill(buffer: Buffer): void {
  const random = randomBytes(buffer.length);
  random.copy(buffer);
  wipe(random);
}

/** Argon2id (raw, 32 bytes) into secure memory; argon2's own result buffer is wiped at once. */
async function deriveKek(password: string, params: KdfParams): Promise<Buffer> {
  const raw = await argon2.hash(password, { type: argon2.argon2id, raw: true, hashLength: KEY_BYTES, salt: params.salt, memoryCost: params.memoryKiB, timeCost: params.iterations, parallelism: params.parallelism });
  const kek = secureBuffer(KEY_BYTES);
  raw.copy(kek);
  wipe(raw);
  return kek;
}
