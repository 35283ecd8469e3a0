/** The renderer's own origin: a privileged, standard `app://` scheme with one fixed host. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'aura';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` belongs to the app's origin, `app://aura`, exactly: no other host, no port, no
 * credentials. Node reports the origin of a non-special scheme as "null", so the parts are compared.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * SECURITY: the one check every IPC call passes before it reaches a service. Only the top-level
 * frame of a page served from `app://aura` may call; iframes, other origins and frames that are
 * already gone (no URL) are refused.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isTopLevel: boolean): boolean {
  return isTopLevel === true && isAppUrl(frameUrl);
}
