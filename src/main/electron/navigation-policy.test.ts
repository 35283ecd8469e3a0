import { EXTERNAL_LINK_HOSTS, externalLinkTarget, isAllowedNavigation } from './navigation-policy';

describe('externalLinkTarget', () => {
  it.each([
    ['https://github.com/aura-work/aura', 'https://github.com/aura-work/aura'],
    ['https://docs.aura.work/guide#vault', 'https://docs.aura.work/guide#vault'],
    ['https://aura.work', 'https://aura.work/'],
    ['HTTPS://GITHUB.COM/Issues', 'https://github.com/Issues'],
    ['https://github.com:443/x', 'https://github.com/x'],
    // The backslash is a path separator in special URLs: this still goes to github.com.
    ['https://github.com\\@evil.com', 'https://github.com/@evil.com'],
  ])('opens %s as %s', (url, expected) => {
    expect(externalLinkTarget(url)).toBe(expected);
  });

  it.each([
    ['credentials in front of an allowed host', 'https://evil.com@github.com/'],
    ['user and password', 'https://user:pw@github.com/'],
    ['an allowed name as user of another host', 'https://github.com@evil.com/'],
    ['a suffix host', 'https://github.com.evil.com/'],
    ['a prefix host', 'https://evilgithub.com/'],
    ['a subdomain not on the list', 'https://gist.github.com/'],
    ['a trailing-dot host', 'https://github.com./'],
    ['a port', 'https://github.com:8443/'],
    ['http', 'http://github.com/'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript with tabs', 'java\tscript:alert(1)'],
    ['javascript with an allowed host in it', 'javascript://github.com/%0aalert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['file', 'file:///etc/passwd'],
    ['smb', 'smb://github.com/share'],
    ['ftp', 'ftp://github.com/'],
    ['a custom handler', 'vscode://file/etc/passwd'],
    ['ms-settings', 'ms-settings:privacy'],
    ['the app scheme', 'app://aura/index.html'],
    ['a protocol-relative URL', '//github.com/'],
    ['a relative path', '/index.html'],
    ['a punycode look-alike', 'https://xn--gthub-n4a.com/'],
    ['an IP address', 'https://140.82.112.3/'],
    ['an empty string', ''],
    ['a very long URL', `https://github.com/${'a'.repeat(5000)}`],
  ])('refuses %s', (_label, url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(externalLinkTarget(undefined)).toBeNull();
    expect(externalLinkTarget({ href: 'https://github.com/' })).toBeNull();
  });

  it('uses the allowlist it is given', () => {
    expect(externalLinkTarget('https://example.org/', ['example.org'])).toBe('https://example.org/');
    expect(externalLinkTarget('https://github.com/', ['example.org'])).toBeNull();
  });

  it('lists bare host names only', () => {
    for (const host of EXTERNAL_LINK_HOSTS) expect(new URL(`https://${host}/`).hostname).toBe(host);
  });
});

describe('isAllowedNavigation', () => {
  it('keeps navigation inside app://aura', () => {
    expect(isAllowedNavigation('app://aura/index.html')).toBe(true);
    expect(isAllowedNavigation('app://evil/index.html')).toBe(false);
    expect(isAllowedNavigation('https://github.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
  });
});
