import { AccessGuard } from './access-guard';

describe('AccessGuard', () => {
  const guard = new AccessGuard('s3cret-token', () => 47820);

  it('accepts only the exact loopback Host names with the bound port', () => {
    expect(guard.hostAllowed('127.0.0.1:47820')).toBe(true);
    expect(guard.hostAllowed('localhost:47820')).toBe(true);
    for (const host of [undefined, '', '127.0.0.1', 'localhost', '127.0.0.1:47821', 'evil.com:47820', '127.0.0.1.evil.com:47820', 'LOCALHOST:47820', '[::1]:47820', '127.0.0.1:47820 ']) {
      expect(guard.hostAllowed(host)).toBe(false);
    }
  });

  it('accepts no Origin or the app’s own, nothing else', () => {
    expect(guard.originAllowed(undefined)).toBe(true);
    expect(guard.originAllowed('http://127.0.0.1:47820')).toBe(true);
    for (const origin of ['null', 'http://evil.com', 'http://127.0.0.1:47821', 'https://127.0.0.1:47820', 'http://127.0.0.1:47820.evil.com', 'chrome-extension://abc']) {
      expect(guard.originAllowed(origin)).toBe(false);
    }
  });

  it('checks the token and the bearer header exactly', () => {
    expect(guard.tokenValid('s3cret-token')).toBe(true);
    expect(guard.bearerValid('Bearer s3cret-token')).toBe(true);
    for (const candidate of [undefined, null, '', 's3cret-toke', 's3cret-token ', 'S3CRET-TOKEN', 'x'.repeat(10_000)]) {
      expect(guard.tokenValid(candidate)).toBe(false);
    }
    for (const header of [undefined, 's3cret-token', 'Basic s3cret-token', 'Bearer  s3cret-token', 'bearer s3cret-token']) {
      expect(guard.bearerValid(header)).toBe(false);
    }
  });
});
