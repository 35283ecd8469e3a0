import { describe, expect, it } from '@jest/globals';
import { refusedUrl } from '../../shared/browser';
import { isPrivateAddress, RequestGuard } from './network-policy';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.8.9.1', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:c0a8:101', '64:ff9b::10.0.0.1',
  ])('%s is private', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8', 'example.com'])('%s is public (or no address)', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );
});

describe('refusedUrl', () => {
  it.each(['file:///etc/passwd', 'FILE:///etc/passwd', 'chrome://settings', 'chrome-extension://abc/x.html', 'view-source:http://example.com', 'data:text/html,<p>x', 'javascript:alert(1)', 'about:config', 'about:srcdoc', 'blob:http://example.com/1', 'ftp://example.com/', 'devtools://devtools/x', 'not a url'])(
    'refuses %s',
    (url) => expect(refusedUrl(url)).toEqual(expect.any(String)),
  );

  it.each(['http://example.com/', 'https://example.com/a?b#c', 'about:blank', 'http://127.0.0.1:8080/page.html'])('allows %s', (url) => expect(refusedUrl(url)).toBeNull());
});

describe('RequestGuard', () => {
  const dns: Record<string, string[]> = { 'intranet.example': ['10.1.2.3'], 'public.example': ['93.184.216.34'], 'mixed.example': ['93.184.216.34', '192.168.0.10'] };
  const guard = (policy: 'allow' | 'approved') => {
    const made = new RequestGuard(async (host) => {
      const found = dns[host];
      if (!found) throw new Error('ENOTFOUND');
      return found;
    });
    made.policy = policy;
    return made;
  };

  it('refuses local schemes for every request, whatever the policy', async () => {
    for (const policy of ['allow', 'approved'] as const) {
      expect(await guard(policy).check('file:///etc/passwd')).toMatch(/file: URLs are refused/);
      expect(await guard(policy).check('chrome://version')).toMatch(/refused/);
    }
  });

  it('lets public addresses through, http and WebSocket alike', async () => {
    const approved = guard('approved');
    expect(await approved.check('https://public.example/x')).toBeNull();
    expect(await approved.check('wss://public.example/socket')).toBeNull();
    expect(await approved.check('http://8.8.8.8/')).toBeNull();
    expect(await approved.check('http://nowhere.example/')).toBeNull();
  });

  it('refuses private addresses under `approved` unless the agent navigated to that very origin', async () => {
    const approved = guard('approved');
    for (const url of ['http://127.0.0.1:9/', 'http://localhost:3000/', 'http://app.localhost/', 'http://[::1]:80/', 'http://intranet.example/', 'http://mixed.example/', 'ws://10.0.0.1/', 'http://169.254.169.254/latest/meta-data'])
      expect(await approved.check(url)).toMatch(/private network address/);
    approved.approve('http://127.0.0.1:9/page.html');
    expect(await approved.check('http://127.0.0.1:9/other')).toBeNull();
    expect(await approved.check('ws://127.0.0.1:9/socket')).toBeNull();
    expect(await approved.check('http://127.0.0.1:10/')).toMatch(/private/);
    expect(await approved.check('http://localhost:9/')).toMatch(/private/);
  });

  it('lets every private address through under `allow`', async () => {
    const allow = guard('allow');
    expect(await allow.check('http://192.168.1.1/')).toBeNull();
    expect(await allow.check('http://intranet.example/')).toBeNull();
  });
});
