import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { securityHeaders } from './csp';
import { APP_HOST, APP_SCHEME } from './sender-policy';

/**
 * `app://` is standard (relative URLs and web storage work), secure (a secure context, like https)
 * and may be fetched. It is deliberately not `corsEnabled` and never `bypassCSP`: other origins
 * cannot read it and the CSP applies.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type of a served file; unknown kinds are opaque bytes (and `nosniff` keeps them so). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

const isInside = (root: string, candidate: string): boolean => {
  const rel = relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/**
 * The path segments an `app://aura/…` URL names, or null when the URL is not for the app or a segment
 * could step outside the folder or name something hidden: `..` (plain or percent-encoded, which the
 * URL parser or the check below catches), encoded slashes or backslashes, NUL and other control
 * characters, drive letters and NTFS streams (`:`), dot-files.
 */
export function appPathSegments(requestUrl: string): string[] | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  return segments.length === 0 ? ['index.html'] : segments;
}

/**
 * SECURITY: maps an `app://aura/…` URL to a regular file inside `root`, or null. The lexical check
 * comes first, then both paths are resolved with `realpath` so a symlink cannot lead outside the
 * folder, and only regular files are served.
 */
export async function resolveAppFile(root: string, requestUrl: string): Promise<string | null> {
  const segments = appPathSegments(requestUrl);
  if (!segments) return null;
  const lexicalRoot = resolve(root);
  const candidate = resolve(lexicalRoot, ...segments);
  if (!isInside(lexicalRoot, candidate)) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(lexicalRoot), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}

const notFound = (status = 404): Response => new Response(null, { status, headers: securityHeaders() });

/** The `protocol.handle('app', …)` handler: serves files of `root` read-only, with the CSP on every answer. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(405);
    const file = await resolveAppFile(root, request.url);
    if (!file) return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    const headers = { ...securityHeaders(), 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Declares `app://` privileged; Electron accepts this only before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves the built renderer (`dist/renderer`) under `app://aura/`. */
export function setupProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
