import { isAppUrl } from './sender-policy';

/**
 * The only hosts a link may open in the user's browser. Exact host names: a subdomain is a different
 * host and must be listed on its own.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['aura.work', 'docs.aura.work', 'github.com'];

/**
 * SECURITY: decides whether a link may leave the app. Returns the normalised URL to hand to
 * `shell.openExternal`, or null. The URL is parsed (never prefix-matched): `https:` only, a host on
 * the allowlist exactly, the default port, and no user name or password (`https://evil@allowed` is
 * a phishing shape even when the host is fine).
 */
export function externalLinkTarget(url: unknown, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS): string | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  if (!allowedHosts.includes(parsed.hostname)) return null;
  return parsed.href;
}

/** A navigation of the app's own window may only stay inside `app://aura`. */
export function isAllowedNavigation(url: unknown): boolean {
  return isAppUrl(url);
}
