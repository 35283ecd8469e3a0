import { APP_INDEX_URL, APP_ORIGIN, isAppUrl, isTrustedSender } from './sender-policy';

describe('isTrustedSender', () => {
  it('accepts the top-level frame of the app page', () => {
    expect(isTrustedSender(APP_INDEX_URL, true)).toBe(true);
    expect(isTrustedSender('app://aura/', true)).toBe(true);
    expect(isTrustedSender('app://aura/index.html#/settings?tab=1', true)).toBe(true);
  });

  it('refuses a subframe, even of the app origin', () => {
    expect(isTrustedSender(APP_INDEX_URL, false)).toBe(false);
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a host that starts with aura', 'app://aura.evil.com/index.html'],
    ['a host that ends with aura', 'app://evilaura/index.html'],
    ['a port', 'app://aura:8080/index.html'],
    ['credentials', 'app://user:pw@aura/index.html'],
    ['a user name', 'app://evil@aura/index.html'],
    ['upper-case host (Chromium always sends lower case)', 'app://AURA/index.html'],
    ['https with the same host', 'https://aura/index.html'],
    ['http', 'http://localhost:5173/'],
    ['file', 'file:///opt/aura/dist/renderer/index.html'],
    ['about:blank', 'about:blank'],
    ['data', 'data:text/html,<script>1</script>'],
    ['javascript', 'javascript:alert(1)'],
    ['a devtools page', 'devtools://devtools/bundled/inspector.html'],
    ['chrome-extension', 'chrome-extension://abc/index.html'],
    ['an opaque app URL', 'app:aura/index.html'],
    ['an empty string', ''],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(isTrustedSender(url, true)).toBe(false);
  });

  it('refuses a frame without URL', () => {
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts the bare origin', () => {
    expect(isAppUrl(APP_ORIGIN)).toBe(true);
  });

  it('refuses what is not a string', () => {
    expect(isAppUrl(42)).toBe(false);
    expect(isAppUrl({ toString: () => APP_INDEX_URL })).toBe(false);
  });
});
