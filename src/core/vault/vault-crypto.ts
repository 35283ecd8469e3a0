import sodium from 'sodium-native';

/**
 * SECURITY: the vault's sealing, kept tiny (SECURITY.md, Vault). XChaCha20-Poly1305 with a random 24-byte nonce;
 * the associated data binds a sealed value to its vault, its item and the format version, so a ciphertext moved
 * to another item (or another vault) fails to open instead of answering under the wrong name.
 */

export const FORMAT_VERSION = 1;
export const KEY_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
export const NONCE_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
export const TAG_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;

export interface Sealed {
  nonce: Buffer;
  sealed: Buffer;
}

/** AAD = purpose ‖ 0 ‖ vault id ‖ 0 ‖ item id ‖ 0 ‖ version; ids never hold a NUL, so the parts cannot shift. */
export function associatedData(purpose: 'key' | 'item', vaultId: string, itemId: string): Buffer {
  return Buffer.concat([Buffer.from(`aura-vault-${purpose}\0${vaultId}\0${itemId}\0`), Buffer.from([FORMAT_VERSION])]);
}

/** A buffer in sodium's guarded memory (locked, not swapped, wiped by `wipe`). */
export function secureBuffer(bytes: number): Buffer {
  return sodium.sodium_malloc(bytes);
}

export function wipe(buffer: Buffer | null | undefined): void {
  if (buffer) sodium.sodium_memzero(buffer);
}

export function randomBytes(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  sodium.randombytes_buf(out);
  return out;
}

export function seal(key: Buffer, plain: Buffer, ad: Buffer): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = Buffer.alloc(plain.length + TAG_BYTES);
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, plain, ad, null, nonce, key);
  return { nonce, sealed };
}

/** Opens into `out` (sized by the caller, secure memory for keys); false when anything was altered. */
export function openInto(out: Buffer, key: Buffer, box: Sealed, ad: Buffer): boolean {
  if (box.nonce.length !== NONCE_BYTES || box.sealed.length !== out.length + TAG_BYTES) return false;
  try {
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, box.sealed, ad, box.nonce, key);
    return true;
  } catch {
    wipe(out);
    return false;
  }
}

/** A sub-key for one purpose (e.g. audit checkpoints), derived from the data key; never the data key itself. */
export function deriveSubkey(dataKey: Buffer, id: number, context: string): Buffer {
  const subkey = secureBuffer(32);
  sodium.crypto_kdf_derive_from_key(subkey, id, Buffer.from(context.padEnd(8).slice(0, 8)), dataKey);
  return subkey;
}

/** Keyed BLAKE2b-256 of `message`. */
export function mac(key: Buffer, message: Buffer): Buffer {
  const out = Buffer.alloc(32);
  sodium.crypto_generichash(out, message, key);
  return out;
}

export function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && sodium.sodium_memcmp(a, b);
}
