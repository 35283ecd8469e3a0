import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { EXTENSION_ORIGIN } from '../../shared/bridge';
import type { ErrorShape } from '../../shared/errors';

/**
 * SECURITY: the bridge's front door, before any route. DNS rebinding: the Host header must be exactly
 * `127.0.0.1:<port>` or `localhost:<port>`, and only one (Node keeps the first of several, so they are
 * counted in the raw headers). Cross-site requests: a browser always sends Origin; the only web origins
 * the bridge answers are Chrome extensions, and a token works only from the one recorded at pairing.
 */

/**
 * One pass over the raw headers: the Host header (null when there is none or more than one) and how many
 * Authorization headers there are (Node keeps the first of several; the bridge takes none of them).
 */
export function frontHeaders(req: IncomingMessage): { host: string | null; authorizations: number } {
  const raw = req.rawHeaders;
  let host: string | null = null;
  let hosts = 0;
  let authorizations = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') {
      hosts += 1;
      host = raw[i + 1]!;
    } else if (name.length === 13 && name.toLowerCase() === 'authorization') {
      authorizations += 1;
    }
  }
  return { host: hosts === 1 ? host : null, authorizations };
}

export const hostAllowed = (host: string | null, port: number): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`;

/** `none` (curl, scripts), a Chrome extension's origin, or `foreign` (any web page, `null`, several). */
export type OriginKind = { kind: 'none' } | { kind: 'extension'; origin: string } | { kind: 'foreign' };

export function classifyOrigin(origin: string | undefined): OriginKind {
  if (origin === undefined) return { kind: 'none' };
  return EXTENSION_ORIGIN.test(origin) ? { kind: 'extension', origin } : { kind: 'foreign' };
}

/** A client's token works with no Origin, or from the very origin recorded when it was paired. */
export const originMatchesClient = (origin: OriginKind, recorded: string | null): boolean => origin.kind === 'none' || (origin.kind === 'extension' && origin.origin === recorded);

/** Lets the extension's pages read the reply (only ever its own origin, never a wildcard). */
export function allowOrigin(res: Response, origin: OriginKind): void {
  if (origin.kind === 'extension') res.setHeader('Access-Control-Allow-Origin', origin.origin);
}

export function sendError(res: Response, status: number, error: ErrorShape): void {
  res.status(status).json({ ok: false, error });
}

/** Every reply: JSON that no browser sniffs, frames, caches or sends a referrer from. */
export function secureHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Vary', 'Origin');
}
