import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHeadlessServer, type HeadlessServer } from '../../src/main/headless/server';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { HostFrame } from '../../src/shared/wire';
import { fuzzBudget, fuzzTestTimeoutMs } from '../support/fuzz-budget';
import { rawRequest } from '../support/http';
import { openTempApp, tempDir } from '../support/temp-app';

const TOKEN = 'integration-token-0123456789abcdef';

describe('headless host', () => {
  const app = openTempApp();
  let server: HeadlessServer;
  let host: string;
  const rpc = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(server.port, {
      method: 'POST',
      path: `/api/rpc/${method}`,
      headers: { host, 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const rendererDir = tempDir();
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Aura</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    server = await startHeadlessServer({ app, port: 0, token: TOKEN, rendererDir });
    host = `127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    app.dispose();
  });

  it('answers health without a token and without data', async () => {
    const res = await rawRequest(server.port, { path: '/api/health', headers: { host } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('serves every page with the same strict CSP, /index.html and the assets included', async () => {
    const policies = new Set<string>();
    for (const path of ['/', '/index.html', '/tasks', '/assets/app.js']) {
      const res = await rawRequest(server.port, { path, headers: { host } });
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe/);
      policies.add(String(res.headers['content-security-policy']));
    }
    expect(policies.size).toBe(1);
  });

  it('refuses a foreign Host on every route with 403', async () => {
    for (const path of ['/', '/api/health', '/api/rpc/settings.getAll', '/assets/app.js']) {
      const res = await rawRequest(server.port, { path, headers: { host: `evil.example:${server.port}` } });
      expect(res.status).toBe(403);
    }
  });

  it('refuses absent or forged tokens with 401 and a foreign Origin with 403', async () => {
    expect((await rpc('settings.getAll', {}, { authorization: '' })).status).toBe(401);
    expect((await rpc('settings.getAll', {}, { authorization: 'Bearer forged' })).status).toBe(401);
    expect((await rpc('settings.getAll', {}, { origin: 'http://evil.example' })).status).toBe(403);
    const ok = await rpc('settings.getAll', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: DEFAULT_SETTINGS });
  });

  it('maps contract errors to HTTP statuses and accepts JSON only', async () => {
    expect((await rpc('nope', {})).status).toBe(404);
    expect((await rpc('settings.set', { key: 'theme', value: 'neon' })).status).toBe(400);
    const form = await rawRequest(server.port, { method: 'POST', path: '/api/rpc/settings.getAll', headers: { host, authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const big = await rawRequest(server.port, { method: 'POST', path: '/api/rpc/settings.getAll', headers: { host, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: `"${'x'.repeat(2 * 1024 * 1024)}"` });
    expect(big.status).toBe(413);
  });

  it('survives malformed requests: no 5xx, no crash, no bypass', async () => {
    const before = app.audit.count();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
          path: fc.oneof(fc.constantFrom('/api/rpc/settings.set', '/api/rpc/', '/api/ws', '/api/rpc/%2e%2e', '/..%2f..%2fetc/passwd'), fc.webPath()),
          contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
          token: fc.oneof(fc.constant('forged'), fc.string()),
          body: fc.oneof(fc.string(), fc.json(), fc.constant('{"key":"theme","value":"dark"}')),
        }),
        async ({ method, path, contentType, token, body }) => {
          const headers: Record<string, string> = { host, authorization: `Bearer ${token.replace(/[^\x21-\x7e]/g, '')}` };
          if (contentType) headers['content-type'] = contentType;
          const res = await rawRequest(server.port, { method, path: path.startsWith('/') ? path : `/${path}`, headers, body: method === 'GET' ? undefined : body });
          expect(res.status).toBeLessThan(500);
        },
      ),
      fuzzBudget(3000),
    );
    expect(app.audit.count()).toBe(before);
    expect((await rawRequest(server.port, { path: '/api/health', headers: { host } })).status).toBe(200);
  }, fuzzTestTimeoutMs());

  describe('WebSocket', () => {
    const open = (query: string, headers: Record<string, string> = {}) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws${query}`, { headers });
        socket.once('open', () => resolve(socket));
        socket.once('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
        socket.once('error', reject);
      });
    const frames = (socket: WebSocket) => {
      const received: HostFrame[] = [];
      socket.on('message', (data) => received.push(HostFrame.parse(JSON.parse(data.toString()))));
      return received;
    };
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };

    it('refuses upgrades without the token, with a foreign Origin or Host', async () => {
      await expect(open('')).rejects.toThrow('401');
      await expect(open('?token=forged')).rejects.toThrow('401');
      await expect(open(`?token=${TOKEN}`, { origin: 'http://evil.example' })).rejects.toThrow('403');
      await expect(open(`?token=${TOKEN}`, { host: 'evil.example' })).rejects.toThrow('403');
    });

    it('runs calls, answers bad frames with typed errors, and pushes events to every client', async () => {
      const a = await open(`?token=${TOKEN}`, { origin: `http://${host}` });
      const b = await open(`?token=${TOKEN}`);
      const fromA = frames(a);
      const fromB = frames(b);
      a.send('not json');
      a.send(JSON.stringify({ id: 7, method: 'settings.set' }));
      a.send(JSON.stringify({ id: 8, method: 'settings.set', input: { key: 'theme', value: 'high-contrast' } }));
      await until(() => fromA.filter((f) => f.type === 'reply').length === 3 && fromB.some((f) => f.type === 'event' && f.event === 'settings.changed'));
      const replies = fromA.filter((f) => f.type === 'reply');
      expect(replies[0]).toMatchObject({ id: -1, reply: { ok: false, error: { code: 'BAD_REQUEST' } } });
      expect(replies[1]).toMatchObject({ id: 7, reply: { ok: false, error: { code: 'INVALID_INPUT' } } });
      expect(replies[2]).toMatchObject({ id: 8, reply: { ok: true, result: { theme: 'high-contrast' } } });
      expect(fromB.find((f) => f.type === 'event' && f.event === 'audit.appended')).toMatchObject({ payload: { action: 'settings.set', actor: 'ui' } });
      a.close();
      b.close();
    });
  });
});
