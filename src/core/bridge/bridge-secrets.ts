import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { BRIDGE_TOKEN_PREFIX } from '../../shared/bridge';

/**
 * SECURITY: the bridge's secrets. Tokens and poll secrets are 256 random bits; only their SHA-256 is kept,
 * and a candidate is compared digest to digest in constant time. A pairing code is no credential (only the
 * owner can approve one): it lets the user match the request in the app with the client that made it.
 */

/** `aura_` + 32 random bytes in base64url (43 characters). */
export const newToken = (): string => `${BRIDGE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
export const newPollSecret = (): string => randomBytes(32).toString('base64url');

const TOKEN_SHAPE = new RegExp(`^${BRIDGE_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);
const BEARER_LENGTH = 'Bearer '.length + BRIDGE_TOKEN_PREFIX.length + 43;

/** The token of an `Authorization: Bearer aura_…` header, or null when the header has no such token. */
export function bearerToken(header: string | undefined): string | null {
  if (header?.length !== BEARER_LENGTH || !header.startsWith('Bearer ')) return null;
  const token = header.slice(7);
  return TOKEN_SHAPE.test(token) ? token : null;
}

export const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** Constant-time comparison of a candidate's digest with a stored one. */
export const sameDigest = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

/** No 0/O, 1/I/L, 5/S, 8/B, 2/Z: a code read aloud or from a small screen is not mistaken. */
const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';

/** Six characters shown as `K7M-4QX`. */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** The form codes are compared in: upper case, dash or none. */
export const normalizeCode = (code: string): string => code.trim().toUpperCase().replace('-', '').replace(/^(.{3})(.{3})$/, '$1-$2');
