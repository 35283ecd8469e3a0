import { isPermissionGranted } from './permission-policy';

describe('isPermissionGranted', () => {
  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'display-capture', 'fullscreen', 'pointerLock', 'unknown'])(
    'denies %s to the app itself',
    (permission) => {
      expect(isPermissionGranted(permission, 'app://aura/index.html', true)).toBe(false);
    },
  );

  it('grants clipboard writes to the top-level app page only', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://aura/index.html', true)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://aura', true)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://aura/index.html', false)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.com/', true)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined, true)).toBe(false);
  });
});
