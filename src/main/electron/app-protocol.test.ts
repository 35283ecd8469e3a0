import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { APP_SCHEME_PRIVILEGES, appPathSegments, contentTypeFor, createAppProtocolHandler, registerAppScheme, resolveAppFile, setupProtocol } from './app-protocol';
import { APP_CSP } from './csp';

// Created while the tests are collected, because the payload table below names paths inside it.
const base = realpathSync(mkdtempSync(join(tmpdir(), 'aura-app-protocol-')));
const root = join(base, 'renderer');

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, 'nested', 'dir'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Aura</title>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(root, 'weird name.js'), '1');
  writeFileSync(join(root, '.hidden'), 'secret');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.txt'), 'outside');
  // A sibling whose name starts with the root's name: the classic prefix escape.
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'secret.txt'), 'outside');
  symlinkSync(join(root, 'assets', 'app-1234.js'), join(root, 'link-inside.js'));
  symlinkSync(join(base, 'secret.txt'), join(root, 'link-out.txt'));
  symlinkSync(join(base, 'outside'), join(root, 'linkdir'));
  symlinkSync('../outside/secret.txt', join(root, 'assets', 'relative-link.txt'));
  symlinkSync(root, join(base, 'renderer-link'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it.each([
    ['app://aura/', 'index.html'],
    ['app://aura', 'index.html'],
    ['app://aura/index.html', 'index.html'],
    ['app://aura/index.html?v=2#/settings', 'index.html'],
    ['app://aura/assets/app-1234.js', join('assets', 'app-1234.js')],
    ['app://aura/assets/../index.html', 'index.html'],
    ['app://aura//assets//style.css', join('assets', 'style.css')],
    ['app://aura/weird%20name.js', 'weird name.js'],
    ['app://aura/link-inside.js', join('assets', 'app-1234.js')],
  ])('serves %s', async (url, file) => {
    await expect(resolveAppFile(root, url)).resolves.toBe(join(root, file));
  });

  it('serves from a root that is itself a symlink', async () => {
    await expect(resolveAppFile(join(base, 'renderer-link'), 'app://aura/index.html')).resolves.toBe(join(root, 'index.html'));
  });

  const escapes = [
    // Plain and encoded dot-dot, in every spelling.
    'app://aura/../secret.txt',
    'app://aura/../../../../../../etc/passwd',
    'app://aura/assets/../../secret.txt',
    'app://aura/%2e%2e/secret.txt',
    'app://aura/%2E%2E/secret.txt',
    'app://aura/.%2e/secret.txt',
    'app://aura/%2e./secret.txt',
    'app://aura/%2e%2e%2fsecret.txt',
    'app://aura/%2E%2E%2Fsecret.txt',
    'app://aura/..%2fsecret.txt',
    'app://aura/..%2Fsecret.txt',
    'app://aura/assets/..%2f..%2fsecret.txt',
    'app://aura/assets%2f..%2f..%2fsecret.txt',
    'app://aura/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'app://aura/..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://aura/%252e%252e/secret.txt',
    'app://aura/%252e%252e%252fsecret.txt',
    'app://aura/..;/secret.txt',
    'app://aura/...//secret.txt',
    'app://aura/..../secret.txt',
    // Backslashes, raw and encoded (a separator on Windows).
    'app://aura/..\\secret.txt',
    'app://aura/assets\\..\\..\\secret.txt',
    'app://aura/..%5csecret.txt',
    'app://aura/..%5Csecret.txt',
    'app://aura/%5c..%5c..%5csecret.txt',
    'app://aura/%2e%2e%5csecret.txt',
    // NUL and control characters.
    'app://aura/index.html%00.png',
    'app://aura/index.html%00',
    'app://aura/%00',
    'app://aura/..%00/secret.txt',
    'app://aura/%00../secret.txt',
    'app://aura/index.html%0a',
    'app://aura/%0d%0aSet-Cookie:x',
    'app://aura/index.html%7f',
    // Invalid or overlong encodings, Unicode look-alikes.
    'app://aura/%c0%ae%c0%ae/secret.txt',
    'app://aura/%c0%af..%c0%afsecret.txt',
    'app://aura/%e0%80%ae%e0%80%ae/secret.txt',
    'app://aura/%uff0e%uff0e/secret.txt',
    'app://aura/%',
    'app://aura/%zz',
    'app://aura/．．/secret.txt',
    'app://aura/%ef%bc%8e%ef%bc%8e/secret.txt',
    // Absolute paths, drive letters, UNC and NTFS streams.
    'app://aura//etc/passwd',
    'app://aura/%2fetc%2fpasswd',
    `app://aura/${encodeURIComponent(join(base, 'secret.txt'))}`,
    'app://aura/C:%5cWindows%5cwin.ini',
    'app://aura/C:/Windows/win.ini',
    'app://aura/c%3a%5cwindows%5cwin.ini',
    'app://aura/%5c%5cserver%5cshare%5cfile',
    'app://aura/index.html::$DATA',
    'app://aura/index.html:stream',
    // The prefix sibling and symlinks that lead out.
    'app://aura/../renderer-evil/secret.txt',
    'app://aura/%2e%2e/renderer-evil/secret.txt',
    'app://aura/link-out.txt',
    'app://aura/linkdir/secret.txt',
    'app://aura/assets/relative-link.txt',
    // Hidden files, folders, missing files.
    'app://aura/.hidden',
    'app://aura/%2ehidden',
    'app://aura/assets',
    'app://aura/assets/',
    'app://aura/nested/dir',
    'app://aura/missing.js',
    // Other hosts, schemes, ports, credentials, non-URLs.
    'app://evil/index.html',
    'app://aura.evil/index.html',
    'app://aura:8080/index.html',
    'app://user@aura/index.html',
    'app://user:pw@aura/index.html',
    'app:index.html',
    'app:///index.html',
    'https://aura/index.html',
    'file:///etc/passwd',
    `file://${join(root, 'index.html')}`,
    '/etc/passwd',
    join(root, 'index.html'),
    '',
  ];

  it.each(escapes)('refuses %s', async (url) => {
    await expect(resolveAppFile(root, url)).resolves.toBeNull();
  });

  it(`tests at least 60 escape payloads (${escapes.length})`, () => {
    expect(escapes.length).toBeGreaterThanOrEqual(60);
  });

  it('never answers with a path outside the root, whatever the input', async () => {
    const parts = ['..', '%2e%2e', '%2e', '.', '%2f', '%5c', '\\', '/', '%00', 'assets', 'index.html', 'secret.txt', 'linkdir', '%252e', ':', '%c0%ae'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 2000; i += 1) {
      const path = Array.from({ length: 1 + (next() % 8) }, () => parts[next() % parts.length]).join(next() % 2 ? '/' : '');
      const file = await resolveAppFile(root, `app://aura/${path}`);
      if (file !== null) expect(file.startsWith(root + sep)).toBe(true);
    }
  });
});

describe('appPathSegments', () => {
  it('decodes once, so a double-encoded dot-dot stays a literal name', () => {
    expect(appPathSegments('app://aura/%252e%252e/x')).toEqual(['%2e%2e', 'x']);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/app.CSS', 'text/css; charset=utf-8'],
    ['assets/app.js.map', 'application/json; charset=utf-8'],
    ['icons/logo.svg', 'image/svg+xml'],
    ['icons/logo.png', 'image/png'],
    ['fonts/inter.woff2', 'font/woff2'],
    ['locales/en.json', 'application/json; charset=utf-8'],
    ['sqlite.wasm', 'application/wasm'],
    ['unknown.bin', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('createAppProtocolHandler', () => {
  const handle = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

  it('serves a file with its type and the CSP', async () => {
    const response = await handle('app://aura/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(response.text()).resolves.toBe('<!doctype html><title>Aura</title>');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handle('app://aura/assets/app-1234.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const response = await handle('app://aura/index.html', 'HEAD');
    expect(response.status).toBe(200);
    await expect(response.text()).resolves.toBe('');
  });

  it.each(['app://aura/../secret.txt', 'app://aura/%2e%2e/secret.txt', 'app://aura/link-out.txt', 'app://aura/missing.js', 'app://evil/index.html'])(
    'answers 404 with the CSP for %s',
    async (url) => {
      const response = await handle(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
      await expect(response.text()).resolves.toBe('');
    },
  );

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405', async (method) => {
    const response = await handle('app://aura/index.html', method);
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
  });
});

describe('scheme registration', () => {
  it('registers app:// as standard, secure and fetchable, never CSP-bypassing or CORS-open', () => {
    const protocol = { registerSchemesAsPrivileged: jest.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('handles the app scheme with the file handler', async () => {
    const protocol = { handle: jest.fn() };
    setupProtocol(protocol, root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect((await handler(new Request('app://aura/index.html'))).status).toBe(200);
  });
});
