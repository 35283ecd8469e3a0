import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { AuraError } from '../../shared/errors';
import { VAULT_LIMITS, VaultItemName } from '../../shared/vault';
import { writeFileAtomic } from '../files/atomic-file';
import { FORMAT_VERSION, KEY_BYTES, NONCE_BYTES, TAG_BYTES, type Sealed } from './vault-crypto';

/**
 * The vault's file in the data folder (`vault.json`, owner-only, written atomically). It lives outside the
 * database on purpose: a deleted or rolled-back database cannot take the key that authenticates the audit
 * trail's checkpoints with it. Everything read is bounds-checked before use: a header asking for 1 TiB of
 * memory or a billion passes is refused, not obeyed.
 */

export const KDF_BOUNDS = {
  memoryKiB: { min: 64 * 1024, max: 1024 * 1024 },
  iterations: { min: 3, max: 16 },
  parallelism: { min: 1, max: 16 },
} as const;

/** SECURITY.md: Argon2id, m = 64 MiB, t = 3, p = 4 at least. */
export const DEFAULT_KDF = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 } as const;

const bytes = (length: number) =>
  z.base64().transform((text) => Buffer.from(text, 'base64')).refine((buffer) => buffer.length === length, `must be ${length} bytes`);
const sealedOf = (plainMax: number) =>
  z.object({ nonce: bytes(NONCE_BYTES), sealed: z.base64().max(Math.ceil(((plainMax + TAG_BYTES) * 4) / 3) + 4).transform((text) => Buffer.from(text, 'base64')) }).strict();
const range = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);

const VaultFileSchema = z
  .object({
    format: z.literal('aura-vault'),
    version: z.literal(FORMAT_VERSION),
    id: z.uuid(),
    kdf: z.object({ algorithm: z.literal('argon2id'), salt: bytes(16), memoryKiB: range(KDF_BOUNDS.memoryKiB), iterations: range(KDF_BOUNDS.iterations), parallelism: range(KDF_BOUNDS.parallelism) }).strict(),
    key: sealedOf(KEY_BYTES),
    items: z.record(VaultItemName, sealedOf(VAULT_LIMITS.valueBytes).extend({ updatedAt: z.string().max(40) })).refine((items) => Object.keys(items).length <= VAULT_LIMITS.items, `holds more than ${VAULT_LIMITS.items} items`),
    /** Wrong passwords so far and when the last one came: the unlock delay survives a restart. */
    attempts: z.object({ failures: z.number().int().min(0).max(1_000_000), lastFailureAt: z.number().nullable() }).strict(),
  })
  .strict();

export type KdfParams = { salt: Buffer; memoryKiB: number; iterations: number; parallelism: number };
export type VaultItem = Sealed & { updatedAt: string };
export interface VaultFile {
  id: string;
  kdf: KdfParams;
  key: Sealed;
  items: Record<string, VaultItem>;
  attempts: { failures: number; lastFailureAt: number | null };
}

const damaged = (path: string, why: string) => new AuraError('DB_CORRUPT', `The vault file ${path} is not a vault Aura can read: ${why}.`, 'Restore vault.json from a copy, or move it away to start a new vault (its secrets are then lost).');

/** The vault file, or null when there is none yet. Refuses a file or header outside the bounds. */
export function readVaultFile(path: string): VaultFile | null {
  if (!existsSync(path)) return null;
  if (statSync(path).size > VAULT_LIMITS.fileBytes) throw damaged(path, 'it is larger than any vault');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw damaged(path, 'it is not JSON');
  }
  const parsed = VaultFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw damaged(path, `${issue?.path.join('.') || 'header'} ${issue?.message ?? 'is invalid'}`);
  }
  const { id, kdf, key, items, attempts } = parsed.data;
  return { id, kdf: { salt: kdf.salt, memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism }, key, items, attempts };
}

const b64 = (buffer: Buffer) => buffer.toString('base64');

export function writeVaultFile(path: string, file: VaultFile): void {
  const json = {
    format: 'aura-vault',
    version: FORMAT_VERSION,
    id: file.id,
    kdf: { algorithm: 'argon2id', salt: b64(file.kdf.salt), memoryKiB: file.kdf.memoryKiB, iterations: file.kdf.iterations, parallelism: file.kdf.parallelism },
    key: { nonce: b64(file.key.nonce), sealed: b64(file.key.sealed) },
    items: Object.fromEntries(Object.entries(file.items).map(([name, item]) => [name, { nonce: b64(item.nonce), sealed: b64(item.sealed), updatedAt: item.updatedAt }])),
    attempts: file.attempts,
  };
  writeFileAtomic(path, `${JSON.stringify(json, null, 1)}\n`, 0o600);
}
