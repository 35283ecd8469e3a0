import { isAppUrl } from './sender-policy';

/**
 * Permissions the app's own page may use without asking. Everything else (camera, microphone,
 * geolocation, notifications, HID, serial, USB, openExternal, …) is denied. Writing to the
 * clipboard is allowed so "copy" buttons work; reading it is not.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/** SECURITY: default deny. Only a listed permission, asked for by the top-level app page, is granted. */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && GRANTED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl);
}
