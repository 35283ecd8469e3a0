import { APP_CSP, securityHeaders } from './csp';

describe('APP_CSP', () => {
  it('is exactly the policy of SECURITY.md', () => {
    expect(APP_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  it('allows nothing inline, nothing evaluated and no wildcard', () => {
    expect(APP_CSP).not.toMatch(/unsafe-|\*|blob:|http:|https:|ws:/);
  });

  it('names each directive once', () => {
    const names = APP_CSP.split('; ').map((directive) => directive.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is part of the headers of every response, with nosniff', () => {
    expect(securityHeaders()).toMatchObject({ 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' });
  });
});
