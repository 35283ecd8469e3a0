import { z } from 'zod';
import type { ProcedureMeta } from './contract';

/**
 * The vault (SECURITY.md, Vault): secrets sealed under a data key that a password unlocks. Its procedures are
 * the owner's only. Passwords and secret values are `secret` in the CLI: never flags (argv is visible to every
 * process on the machine); the CLI asks for them on the terminal or reads them from the environment or stdin.
 */

export const VAULT_LIMITS = {
  items: 10_000,
  /** A secret's value, in UTF-8 bytes. */
  valueBytes: 64 * 1024,
  /** The vault file as a whole; a bigger one is refused before it is parsed. */
  fileBytes: 32 * 1024 * 1024,
  passwordChars: 1024,
  minPasswordChars: 8,
} as const;

/** An item's name: what `aura vault get NAME` takes; part of the sealed value's associated data. */
export const VaultItemName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'use 1 to 128 letters, digits, ".", "-" and "_", starting with a letter or digit');

const Password = z.string().min(1).max(VAULT_LIMITS.passwordChars);
const NewPassword = z.string().min(VAULT_LIMITS.minPasswordChars, `use at least ${VAULT_LIMITS.minPasswordChars} characters`).max(VAULT_LIMITS.passwordChars);

export const VaultStatus = z.object({
  initialised: z.boolean(),
  unlocked: z.boolean(),
  /** How many secrets it holds; null while locked. */
  items: z.number().int().nonnegative().nullable(),
  autoLockMinutes: z.number().int().positive(),
  /** After wrong passwords: how long before the next attempt is taken. */
  retryAfterSeconds: z.number().int().nonnegative(),
  /**
   * "Remember on this device": the data key wrapped by the system keychain (Electron safeStorage). `available`:
   * it can be turned on; `insecure-backend`: refused, the keychain is Linux's plain-text fallback whose key is
   * public; `unavailable`: no keychain answers; `desktop-only`: this host is not the desktop app.
   */
  device: z.object({ state: z.enum(['available', 'insecure-backend', 'unavailable', 'desktop-only']), remembered: z.boolean() }),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const VaultItemInfo = z.object({ name: z.string(), updatedAt: z.string() });
export type VaultItemInfo = z.infer<typeof VaultItemInfo>;

const Name = z.object({ name: VaultItemName }).strict();
const vaultProcedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string, cli: NonNullable<Exclude<ProcedureMeta['cli'], false>>) => ({ input, output, summary, access: 'owner' as const, cli });

/** The vault's procedures, spread into the contract's table. */
export const VAULT_PROCEDURES = {
  'vault.status': vaultProcedure(z.object({}).strict(), VaultStatus, 'Whether the vault exists and is unlocked', { name: 'vault status' }),
  'vault.init': vaultProcedure(z.object({ password: NewPassword }).strict(), VaultStatus, 'Create the vault (the password is asked, or read from AURA_VAULT_PASSWORD)', { name: 'vault init', secret: ['password'] }),
  'vault.unlock': vaultProcedure(z.object({ password: Password }).strict(), VaultStatus, 'Unlock the vault in the host until it is locked or idle', { name: 'vault unlock', secret: ['password'] }),
  'vault.lock': vaultProcedure(z.object({}).strict(), VaultStatus, 'Lock the vault (its keys are wiped from memory)', { name: 'vault lock' }),
  'vault.set': vaultProcedure(z.object({ name: VaultItemName, value: z.string().min(1).max(VAULT_LIMITS.valueBytes) }).strict(), VaultItemInfo, 'Store a secret (the value is asked, or read from stdin)', { name: 'vault set', args: ['name'], secret: ['value'] }),
  'vault.get': vaultProcedure(Name, z.object({ name: z.string(), value: z.string() }), 'Print a secret', { name: 'vault get', args: ['name'] }),
  'vault.list': vaultProcedure(z.object({}).strict(), z.array(VaultItemInfo), 'The names of the stored secrets', { name: 'vault list' }),
  'vault.remove': vaultProcedure(Name, z.object({ removed: z.boolean() }), 'Delete a secret', { name: 'vault rm', args: ['name'] }),
  'vault.remember': vaultProcedure(z.object({ on: z.boolean() }).strict(), VaultStatus, 'Remember the vault on this device (desktop app, system keychain), or forget it', { name: 'vault remember', args: ['on'] }),
  'vault.unlockDevice': vaultProcedure(z.object({}).strict(), VaultStatus, 'Unlock the vault with this device\'s keychain (after "remember")', { name: 'vault unlock-device' }),
  'vault.changePassword': vaultProcedure(z.object({ current: Password, next: NewPassword }).strict(), VaultStatus, 'Change the vault password (the data key is re-wrapped; secrets stay)', { name: 'vault passwd', secret: ['current', 'next'] }),
} as const;
