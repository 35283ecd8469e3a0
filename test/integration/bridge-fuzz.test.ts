import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { mayCall } from '../../src/core/auth/access';
import type { Logger } from '../../src/core/logging/logger';
import { contractRoutes, type ContractRoute } from '../../src/main/bridge/route-table';
import { Scope } from '../../src/shared/auth';
import { asOwner, openBridge } from '../support/bridge';
import { fuzzBudget, fuzzTestTimeoutMs } from '../support/fuzz-budget';
import { PipelinedConnection, type WireReply } from '../support/http-pipeline';
import { openTempApp, tempDir } from '../support/temp-app';

/**
 * SECURITY.md, local bridge: ≥ 100k malformed or hostile requests against a real bridge on an ephemeral
 * port: 0 crashes, 0 5xx, 0 bypasses. Each request knows the statuses it may get; a refusal with the wrong
 * status fails the run too. Well-formed HTTP goes pipelined over keep-alive connections; broken framing,
 * huge bodies and slow clients each get a connection of their own. Bounded by time (fuzz-budget): on a
 * loaded machine it stops early, and asserts the full count only when the budget allowed it.
 */
const SECONDS = 40;
const TARGET = 100_000;
const BATCH = 400;
const CONNECTIONS = 4;

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const OTHER_EXT = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';
const ALL: Scope[] = [...Scope.options];

type TokenName = 'full' | 'read' | 'write' | 'approvals' | 'pages' | 'ext';
const SCOPES: Record<TokenName, Scope[]> = { full: ALL, read: ['tasks:read'], write: ['tasks:write'], approvals: ['approvals'], pages: ['pages:send'], ext: ALL };

interface Case {
  kind: string;
  raw: Buffer;
  head: boolean;
  /** The statuses this request may get; anything else is a failure (a 2xx where a refusal was due: a bypass). */
  expect: readonly number[];
  /** Sent on a connection of its own, which it may break. */
  own?: { write?: 'partial' | 'chunked' };
}

const printable = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const text = (maxLength: number) => fc.string({ unit: printable, maxLength });
const urlChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&\'()*+,;=:@/'.split(''));
/** A reply, or null when none came in time (a connection of its own never holds the run up). */
const within = (reply: Promise<WireReply | null>, ms = 5000) => Promise.race([reply, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]);
const SAMPLE_BODY: Partial<Record<string, unknown>> = { 'tasks.create': { goal: 'fuzz' }, 'approvals.answer': { decision: 'once' }, 'pages.send': { url: 'https://example.com/', title: 't', text: 'x' } };

describe('bridge under hostile requests', () => {
  const errors: string[] = [];
  const logger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (msg, fields) => errors.push(`${msg} ${JSON.stringify(fields)}`), tail: () => [] };
  let fixture: Awaited<ReturnType<typeof openBridge>>;
  let port = 0;
  const tokens = {} as Record<TokenName | 'revoked' | 'expired', string>;

  beforeAll(async () => {
    // A client unused since 2020, written before the host starts: its token has expired when it is presented.
    const home = tempDir();
    const seed = openTempApp(home);
    tokens.expired = `aura_${randomBytes(32).toString('base64url')}`;
    seed.store.db
      .prepare('INSERT INTO bridge_clients (id, name, kind, origin, scopes, token_hash, created_at, last_seen_at, revoked_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, NULL)')
      .run(randomUUID(), 'expired', 'token', JSON.stringify(ALL), createHash('sha256').update(tokens.expired).digest('hex'), '2020-01-01T00:00:00.000Z', '2020-01-02T00:00:00.000Z');
    await seed.close();
    // Limits high enough that every status is exact, except writes, which stay limited (each is audited).
    fixture = await openBridge({ limits: { requestsPerMinute: 1e9, streamsPerClient: 1e9 }, timeouts: { headersMs: 1000, requestMs: 2000, keepAliveMs: 5000 } }, openTempApp(home, { logger }));
    port = fixture.port;
    const { app } = fixture;
    for (const name of ['full', 'read', 'write', 'approvals', 'pages'] as const) tokens[name] = (await asOwner(app, 'bridge.tokens.create', { name, scopes: SCOPES[name] })).token;
    tokens.revoked = (await asOwner(app, 'bridge.tokens.create', { name: 'revoked', scopes: ALL })).token;
    await asOwner(app, 'bridge.clients.revoke', { name: 'revoked' });
    const run = (task: () => void) => task();
    const pair = app.bridge.requestPairing({ name: 'ext', scopes: ALL, origin: EXT }, run);
    app.bridge.approve(pair.code, undefined, 'ui');
    tokens.ext = app.bridge.pollPairing(pair.requestId, pair.pollSecret, EXT, run).token!;
  });
  afterAll(() => fixture.dispose());

  it(
    `answers ≥ ${TARGET.toLocaleString('en')} hostile requests with 0 crashes, 0 5xx and 0 bypasses`,
    async () => {
      const host = `127.0.0.1:${port}`;
      const routes = contractRoutes();
      const protectedTargets = [...routes.map((route) => ({ method: route.method as string, route })), { method: 'GET', route: null }];
      const pathOf = (route: ContractRoute | null) => (route ? `/v1${route.path.replace(/:(\w+)/g, () => randomUUID())}` : '/v1/events');
      const allowed = new Map<string, string[]>([['/v1/pair', ['POST']], ['/v1/pair/:requestId', ['GET']], ['/v1/events', ['GET']], ['/v1/openapi.json', ['GET']]]);
      for (const route of routes) allowed.set(`/v1${route.path}`, [...(allowed.get(`/v1${route.path}`) ?? []), route.method]);

      const build = (o: { method: string; path: string; hosts?: readonly string[]; token?: string; auth?: readonly string[]; origin?: string; headers?: readonly (readonly [string, string])[]; body?: string | Buffer; type?: string | null }): Buffer => {
        const lines = [`${o.method} ${o.path} HTTP/1.1`, ...(o.hosts ?? [host]).map((value) => `Host: ${value}`)];
        if (o.token) lines.push(`Authorization: Bearer ${o.token}`);
        for (const value of o.auth ?? []) lines.push(`Authorization: ${value}`);
        if (o.origin !== undefined) lines.push(`Origin: ${o.origin}`);
        for (const [name, value] of o.headers ?? []) lines.push(`${name}: ${value}`);
        const body = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
        if (body) {
          if (o.type !== null) lines.push(`Content-Type: ${o.type ?? 'application/json'}`);
          lines.push(`Content-Length: ${body.length}`);
        }
        const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
        return body ? Buffer.concat([head, body]) : head;
      };
      const sampleBody = (route: ContractRoute | null) => (route && route.method !== 'GET' ? JSON.stringify(SAMPLE_BODY[route.procedure] ?? {}) : undefined);
      const mayUse = (token: TokenName, route: ContractRoute | null) =>
        route ? mayCall({ kind: 'client', clientId: 'x', name: 'x', scopes: SCOPES[token] }, route.access) : SCOPES[token].includes('tasks:read') || SCOPES[token].includes('approvals');
      const target = fc.constantFrom(...protectedTargets);
      const goodHost = fc.constantFrom(host, `localhost:${port}`);

      const forged = fc.oneof(
        fc.constantFrom('Bearer', 'Basic YTpi', `bearer ${tokens.full}`, `Token ${tokens.full}`, `Bearer  ${tokens.full}`, `Bearer ${tokens.full}x`, `Bearer ${tokens.full.slice(0, -1)}`, `Bearer ${tokens.full.toUpperCase()}`, `Bearer ${tokens.revoked}`, `Bearer ${tokens.expired}`, `Bearer ${tokens.full},${tokens.full}`),
        fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((tail) => `Bearer aura_${tail}`),
        text(120).map((junk) => `Bearer ${junk}`),
      );

      const cases: fc.Arbitrary<Case>[] = [
        // No token, or a forged, revoked or expired one: 401 on every protected route.
        fc.record({ t: target, host: goodHost, auth: fc.option(forged, { nil: undefined }) }).map(({ t, host: h, auth }) => ({
          kind: 'bad token',
          raw: build({ method: t.method, path: pathOf(t.route), hosts: [h], auth: auth === undefined ? [] : [auth], body: sampleBody(t.route) }),
          head: false,
          expect: [401],
        })),
        fc.record({ t: target, which: fc.constantFrom('revoked', 'expired') as fc.Arbitrary<'revoked' | 'expired'> }).map(({ t, which }) => ({ kind: 'revoked or expired token', raw: build({ method: t.method, path: pathOf(t.route), token: tokens[which], body: sampleBody(t.route) }), head: false, expect: [401] })),
        // A token in the query string is no token.
        target.map((t) => ({ kind: 'token in query', raw: build({ method: t.method, path: `${pathOf(t.route)}?token=${tokens.full}&access_token=${tokens.full}`, body: sampleBody(t.route) }), head: false, expect: [401] })),
        // DNS rebinding: any other Host, or two, is refused before anything else, whatever the token.
        fc
          .record({
            t: target,
            hosts: fc.oneof(
              fc.constantFrom('evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, 'localhost', `LOCALHOST:${port}`, `127.0.0.1:${port}.`, `[::1]:${port}`, `2130706433:${port}`, `127.1:${port}`, `0.0.0.0:${port}`, `127.0.0.1:0${port}`, `127.0.0.1:${port}@evil.example`).map((h) => [h]),
              text(60).filter((h) => h !== host && h !== `localhost:${port}`).map((h) => [h]),
              fc.constantFrom([host, host], [host, 'evil.example'], ['evil.example', host], [`localhost:${port}`, host]),
            ),
            token: fc.constantFrom(tokens.full, tokens.ext, ''),
          })
          .map(({ t, hosts, token }) => ({ kind: 'foreign or duplicate Host', raw: build({ method: t.method, path: pathOf(t.route), hosts, token, body: sampleBody(t.route) }), head: false, expect: [403] })),
        // Cross-site: any Origin but a Chrome extension's is refused at the door.
        fc
          .record({
            t: fc.oneof(target, fc.constant({ method: 'POST', route: null, path: '/v1/pair' }), fc.constant({ method: 'GET', route: null, path: '/v1/openapi.json' })),
            origin: fc.oneof(
              fc.constantFrom('null', '', 'https://evil.example', `http://127.0.0.1:${port}`, `http://localhost:${port}`, 'chrome-extension://short', 'chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP', `${EXT}/`, 'chrome-extension://qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq', 'moz-extension://abcdefghijklmnopabcdefghijklmnop', `${EXT}, ${OTHER_EXT}`, 'file://'),
              text(40).map((domain) => `https://${domain}`),
            ),
            token: fc.constantFrom(tokens.full, tokens.ext, ''),
          })
          .map(({ t, origin, token }) => ({
            kind: 'foreign Origin',
            raw: build({ method: t.method, path: 'path' in t ? t.path : pathOf(t.route), origin, token, body: 'path' in t ? '{"name":"x","scopes":["tasks:read"]}' : sampleBody(t.route) }),
            head: false,
            expect: [403],
          })),
        // Another extension's origin with a token paired elsewhere (or none).
        fc.record({ t: target, token: fc.constantFrom<TokenName>('full', 'ext'), origin: fc.constantFrom(EXT, OTHER_EXT) }).map(({ t, token, origin }) => {
          const matches = token === 'ext' && origin === EXT;
          return { kind: 'another extension', raw: build({ method: t.method, path: pathOf(t.route), token: tokens[token], origin, body: sampleBody(t.route) }), head: false, expect: matches ? [200, 400, 404, 409, 429] : [403] };
        }).filter((c) => c.expect[0] === 403 || !c.raw.toString('latin1').startsWith('GET /v1/events ')),
        // A scope the token lacks: 403.
        fc
          .record({ t: target, token: fc.constantFrom<TokenName>('read', 'write', 'approvals', 'pages') })
          .filter(({ t, token }) => !mayUse(token, t.route))
          .map(({ t, token }) => ({ kind: 'missing scope', raw: build({ method: t.method, path: pathOf(t.route), token: tokens[token], body: sampleBody(t.route) }), head: false, expect: [403] })),
        // A method the route does not take: 405.
        fc
          .record({ path: fc.constantFrom(...allowed.keys()), method: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'POST', 'GET', 'HEAD', 'TRACE') })
          .filter(({ path, method }) => !allowed.get(path)!.includes(method) && !(method === 'HEAD' && allowed.get(path)!.includes('GET')))
          .map(({ path, method }) => ({ kind: 'wrong method', raw: build({ method, path: path.replace(/:(\w+)/g, () => randomUUID()), token: tokens.full }), head: method === 'HEAD', expect: [405] })),
        // Bodies that are not what they should be; never a success.
        fc
          .record({
            route: fc.constantFrom(...routes.filter((route) => route.method !== 'GET')),
            body: fc.oneof(
              text(300).map((junk) => ({ body: junk, type: 'application/json' })),
              fc.constantFrom('[]', 'null', '1', '"x"', 'true', '{"__proto__":{"approve":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"goal":"a","goal":"b"}', `${'['.repeat(4000)}${']'.repeat(4000)}`, `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`, '{"goal":"\\ud800"}', '{"goal":"x"}').map((body) => ({ body, type: 'application/json' })),
              fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/jsonx', 'text/json').map((type) => ({ body: '{"goal":"x"}', type })),
              fc.constant({ body: '{"goal":"x"}', type: null }),
            ),
            gzip: fc.boolean(),
          })
          .map(({ route, body, gzip }) => ({
            kind: 'bad body',
            raw: build({ method: route.method, path: pathOf(route), token: tokens.full, body: body.body, type: body.type, headers: gzip ? [['Content-Encoding', 'gzip']] : [] }),
            head: false,
            expect: [400, 404, 409, 413, 415, 429],
          })),
        // Path traversal and odd paths with a token that may only answer approvals: nothing of tasks opens.
        fc
          .record({
            path: fc.oneof(
              fc.constantFrom('/v1/../v1/tasks', '/v1/./tasks', '/v1//tasks', '/v1/tasks/..%2F..%2Fapprovals', '/v1/tasks/%2e%2e/%2e%2e/approvals', '/v1/tasks/..;/..;/approvals', '/v1/%2e%2e/v1/tasks', '/%2e%2e/v1/tasks', '/v1/tasks%2F', '/v1/tasks/%00', '/v1/tasks/%E0%A4%A', `/v1/tasks/${'..%2f'.repeat(20)}etc%2fpasswd`, '/v1/tool-calls/..%2f..%2ftasks/output', '/v1/TASKS', '/v1/tasks;/', '/v1/tasks/?x=../../'),
              fc.string({ unit: urlChar, maxLength: 80 }).map((tail) => `/v1/tasks/${tail}`),
            ),
            method: fc.constantFrom('GET', 'POST'),
          })
          .map(({ path, method }) => ({ kind: 'traversal', raw: build({ method, path, token: tokens.approvals, body: method === 'POST' ? '{}' : undefined }), head: false, expect: [400, 403, 404, 405] })),
        // Reads a token may make, with odd query strings: answered, never refused for the wrong reason.
        fc
          .record({
            route: fc.constantFrom(...routes.filter((route) => route.method === 'GET')),
            token: fc.constantFrom<TokenName>('full', 'read', 'ext'),
            origin: fc.boolean(),
            query: fc.oneof(
              fc.constant(''),
              fc.integer({ min: -5, max: 500 }).map((n) => `?pageSize=${n}`),
              fc.constantFrom('?page=abc', '?__proto__=1', '?pageSize=1&pageSize=2', '?active=maybe', '?active=true', '?status=done', '?limit=1e3', '?before=%7B%7D', '?before=%7Bbad', '?query=%25%5F'),
              text(60).map((junk) => `?query=${encodeURIComponent(junk)}`),
            ),
          })
          .map(({ route, token, origin, query }) => ({
            kind: 'read',
            raw: build({ method: 'GET', path: `${pathOf(route)}${query}`, token: tokens[token], origin: origin && token === 'ext' ? EXT : undefined }),
            head: false,
            expect: mayUse(token, route) ? [200, 400, 404] : [403],
          })),
        // The open routes: the document, pairing junk, polls with wrong secrets.
        fc.oneof(
          // The document is large: asked now and then.
          { arbitrary: fc.constant({ kind: 'openapi', raw: build({ method: 'GET', path: '/v1/openapi.json' }), head: false, expect: [200] }), weight: 1 },
          { arbitrary: text(200).map((junk) => ({ kind: 'pair junk', raw: build({ method: 'POST', path: '/v1/pair', body: junk }), head: false, expect: [400, 429] })), weight: 5 },
          {
            arbitrary: fc.record({ id: fc.oneof(fc.uuid(), text(40).map(encodeURIComponent)), secret: fc.option(text(80), { nil: undefined }) }).map(({ id, secret }) => ({
              kind: 'pair poll',
              raw: build({ method: 'GET', path: `/v1/pair/${id}`, headers: secret === undefined ? [] : [['X-Pair-Secret', secret]] }),
              head: false,
              expect: [401, 404, 429],
            })),
            weight: 5,
          },
        ),
        // Topics that are not all allowed: refused, never a stream.
        fc
          .record({
            token: fc.constantFrom<TokenName>('full', 'read', 'approvals', 'write', 'pages'),
            topics: fc.oneof(
              fc
                .array(fc.constantFrom('task.updated', 'task.toolCall', 'settings.changed', 'audit.appended', 'bridge.changed', 'terminal.data', 'nope', '', '__proto__'), { minLength: 1, maxLength: 4 })
                // `topics=` alone means every topic the token may see: a stream, not a refusal.
                .filter((list) => list.join(',') !== '')
                .map((list) => `topics=${list.map(encodeURIComponent).join(',')}`),
              fc.constant('topics=task.updated&topics=task.step'),
            ),
          })
          .map(({ token, topics }) => {
            const names = topics.startsWith('topics=task.updated&') ? ['dup'] : decodeURIComponent(topics.slice(7)).split(',');
            const scopes = SCOPES[token];
            const streams = names.length > 0 && names.every((name) => (name === 'task.updated' && scopes.includes('tasks:read')) || (name === 'task.toolCall' && (scopes.includes('tasks:read') || scopes.includes('approvals'))));
            return { kind: 'topics', raw: build({ method: 'GET', path: `/v1/events?${topics}`, token: tokens[token] }), head: false, expect: streams ? [-1] : [400, 403] };
          })
          .filter((c) => c.expect[0] !== -1),
        // Extra headers of every sort (forwarding, overrides, junk): they change nothing.
        fc
          .record({
            headers: fc.array(
              fc.oneof(
                fc.constantFrom<[string, string]>(['X-Forwarded-For', '1.2.3.4'], ['X-Forwarded-Host', 'evil.example'], ['Forwarded', 'host=evil.example;proto=https'], ['X-HTTP-Method-Override', 'DELETE'], ['X-Original-URL', '/v1/approvals'], ['X-Rewrite-URL', '/v1/approvals'], ['Cookie', 'session=1'], ['Referer', 'https://evil.example/'], ['X-Pair-Secret', 'x'], ['Accept', '*/*'], ['Accept-Encoding', 'gzip, br']),
                fc.tuple(fc.stringMatching(/^x-[a-z-]{1,20}$/), text(200)),
              ),
              { maxLength: 20 },
            ),
            path: fc.constantFrom('/v1/info', '/v1/tasks', '/v1/workspaces'),
          })
          .map(({ headers, path }) => ({ kind: 'odd headers', raw: build({ method: 'GET', path, token: tokens.read, headers }), head: false, expect: [200] })),
        // Two Authorization headers, a preflight, an absolute URL.
        fc.constantFrom(
          { kind: 'two Authorization headers', raw: build({ method: 'GET', path: '/v1/tasks', token: tokens.full, auth: ['Bearer x'] }), head: false, expect: [400] },
          { kind: 'two Authorization headers', raw: build({ method: 'GET', path: '/v1/tasks', auth: ['Bearer x', `Bearer ${tokens.full}`] }), head: false, expect: [400] },
          { kind: 'preflight', raw: build({ method: 'OPTIONS', path: '/v1/tasks', origin: EXT }), head: false, expect: [204] },
          { kind: 'preflight', raw: build({ method: 'OPTIONS', path: '/v1/pair' }), head: false, expect: [204] },
          { kind: 'preflight', raw: build({ method: 'OPTIONS', path: '/v1/tasks', origin: 'https://evil.example' }), head: false, expect: [403] },
          { kind: 'absolute URL', raw: build({ method: 'GET', path: `http://${host}/v1/tasks`, token: tokens.full }), head: false, expect: [400] },
          { kind: 'absolute URL', raw: build({ method: 'GET', path: `http://evil.example/v1/tasks`, token: tokens.full }), head: false, expect: [400] },
        ),
      ];

      // Requests that may break their connection: each gets one of its own. A refusal, or the connection closed.
      const BROKEN = [0, 400, 401, 403, 404, 405, 408, 413, 431];
      const own: fc.Arbitrary<Case>[] = [
        fc
          .constantFrom(
            'GET /v1/tasks\r\n\r\n',
            `GET /v1/tasks HTTP/1.1\r\nHost ${host}\r\n\r\n`,
            `GET /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`,
            `POST /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
            `POST /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
            `POST /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`,
            `GET /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nX-Folded: a\r\n b\r\n\r\n`,
            `GET /v1/tasks HTTP/1.1\r\nHost : ${host}\r\n\r\n`,
            `GET /v1/ta sks HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
            `GET /v1/tasks\\..\\approvals HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${tokens.approvals}\r\n\r\n`,
            `GET /v1/tasks HTTP/9.9\r\nHost: ${host}\r\n\r\n`,
            `GET /v1/tasks HTTP/1.1\r\n\r\n`,
            `GET /v1/info HTTP/1.0\r\n\r\n`,
            `GET /v1/tasks HTTP/1.1\nHost: ${host}\n\n`,
            `GET /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nX-Bad: a\u0000b\r\n\r\n`,
            `GET /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
            `FOO /v1/tasks HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
            `GET /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
          )
          .map((raw) => ({ kind: 'broken framing', raw: Buffer.from(raw, 'latin1'), head: false, expect: BROKEN, own: {} })),
        fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => ({ kind: 'random bytes', raw: Buffer.concat([Buffer.from(bytes), Buffer.from('\r\n\r\n')]), head: false, expect: BROKEN, own: {} })),
        // A body just past a route's limit (64 KB): refused, and the connection closed.
        fc.constantFrom(...routes.filter((route) => route.method !== 'GET' && route.procedure !== 'pages.send')).map((route) => ({
          kind: 'body too large',
          raw: build({ method: route.method, path: pathOf(route), token: tokens.full, body: `{"goal":"${'x'.repeat(70_000)}"}` }),
          head: false,
          expect: [413, 429],
          own: {},
        })),
        // Bodies past the limit: refused as soon as their length is known (a declared length) or exceeded (chunked).
        fc.record({ path: fc.constantFrom('/v1/pages', '/v1/tasks'), token: fc.constantFrom(tokens.full, ''), chunked: fc.boolean() }).map(({ path, token, chunked }) => ({
          kind: 'huge body',
          raw: Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${token ? `Authorization: Bearer ${token}\r\n` : ''}Content-Type: application/json\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${3 * 1024 * 1024}`}\r\n\r\n`, 'latin1'),
          head: false,
          expect: token ? [413, 429] : [401],
          own: { write: chunked ? ('chunked' as const) : ('partial' as const) },
        })),
      ];

      const generator = fc.array(fc.oneof({ arbitrary: fc.oneof(...cases), weight: 97 }, { arbitrary: fc.oneof(...own), weight: 3 }), { minLength: BATCH, maxLength: BATCH });

      const failures: string[] = [];
      const counts = new Map<string, number>();
      let sent = 0;
      let serverErrors = 0;
      const check = (c: Case, reply: WireReply | null) => {
        sent += 1;
        counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
        const status = reply?.status ?? 0;
        if (status >= 500) serverErrors += 1;
        if (!c.expect.includes(status) && failures.length < 20) failures.push(`${c.kind}: got ${status} ${reply?.body.slice(0, 200) ?? '(closed)'} for ${JSON.stringify(c.raw.subarray(0, 300).toString('latin1'))}`);
      };

      const pool: PipelinedConnection[] = [];
      for (let i = 0; i < CONNECTIONS; i += 1) pool.push(await PipelinedConnection.open(port));
      const sendPipelined = async (slot: number, batch: Case[]) => {
        let rest = batch;
        while (rest.length) {
          if (pool[slot]!.closed) pool[slot] = await PipelinedConnection.open(port);
          const replies = await pool[slot]!.send(rest);
          let answered = 0;
          while (answered < rest.length && replies[answered]) check(rest[answered]!, replies[answered++]!);
          if (answered === rest.length) return;
          // A reply that said it closes the connection: the requests after it were never read; send them again.
          // Closed without saying so: the request that got no reply fails.
          if (answered === 0 || replies[answered - 1]!.headers.connection !== 'close') {
            check(rest[answered]!, null);
            answered += 1;
          }
          rest = rest.slice(answered);
        }
      };
      const sendAlone = async (c: Case) => {
        const connection = await PipelinedConnection.open(port);
        try {
          if (c.own?.write === 'partial') {
            connection.write(Buffer.concat([c.raw, Buffer.alloc(64 * 1024, 0x20)]));
          } else if (c.own?.write === 'chunked') {
            connection.write(c.raw);
            const chunk = Buffer.concat([Buffer.from(`${(256 * 1024).toString(16)}\r\n`), Buffer.alloc(256 * 1024, 0x20), Buffer.from('\r\n')]);
            // Keeps sending until the server answers: it must answer before 3 MB have gone.
            const reply = connection.next();
            let answered = false;
            void reply.then(() => (answered = true));
            for (let i = 0; i < 12 && !answered && !connection.closed; i += 1) {
              connection.write(chunk);
              await new Promise((resolve) => setImmediate(resolve));
            }
            check(c, await within(reply));
            return;
          } else {
            connection.write(c.raw);
          }
          check(c, await within(connection.next(c.head)));
        } finally {
          connection.close();
        }
      };


      // Slow clients, all along: headers that never end, a body that trickles. The server must cut them off.
      const slow: { connection: PipelinedConnection; timer: NodeJS.Timeout; reply: Promise<WireReply | null> }[] = [];
      for (let i = 0; i < 10; i += 1) {
        const connection = await PipelinedConnection.open(port);
        const body = i % 2 === 1;
        connection.write(body ? `POST /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${tokens.full}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{` : `GET /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `);
        const timer = setInterval(() => connection.write('a'), 100);
        slow.push({ connection, timer, reply: connection.next() });
      }

      let inFlight: Promise<unknown> = Promise.resolve();
      const started = Date.now();
      const cpuBefore = process.cpuUsage();
      const details = await fc.check(
        fc.asyncProperty(generator, async (batch) => {
          const before = failures.length;
          const lanes: Case[][] = Array.from({ length: CONNECTIONS }, () => []);
          batch.filter((c) => !c.own).forEach((c, i) => lanes[i % CONNECTIONS]!.push(c));
          inFlight = Promise.all([...lanes.map((lane, slot) => (lane.length ? sendPipelined(slot, lane) : undefined)), ...batch.filter((c) => c.own).map(sendAlone)]);
          await inFlight;
          return failures.length === before && serverErrors === 0;
        }),
        { ...fuzzBudget(Math.ceil(TARGET / BATCH), SECONDS), endOnFailure: true },
      );
      // A run stopped by the time budget leaves its last batch going: it ends before anything is counted or closed.
      await inFlight;
      const seconds = (Date.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;

      // Every slow client was cut off by the server (408, or closed), long before this test's own bound.
      const cutOff = await Promise.race([Promise.all(slow.map(async ({ connection, reply }) => ({ reply: await reply, closed: await connection.whenClosed().then(() => true) }))), new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000).unref())]);
      for (const { timer, connection } of slow) {
        clearInterval(timer);
        connection.close();
      }
      for (const connection of pool) connection.close();
      expect(cutOff).not.toBeNull();
      for (const { reply } of cutOff!) expect([0, 408]).toContain(reply?.status ?? 0);
      sent += slow.length;

      console.log(`bridge fuzz: ${sent.toLocaleString('en')} requests in ${seconds.toFixed(1)} s (${Math.round(sent / seconds).toLocaleString('en')}/s, ${cpuSeconds.toFixed(1)} s of CPU)${details.interrupted ? ', stopped by the time budget' : ''}\n${[...counts].map(([kind, n]) => `  ${kind}: ${n}`).join('\n')}`);
      expect(failures).toEqual([]);
      expect(serverErrors).toBe(0);
      expect(details.failed).toBe(false);
      expect(errors).toEqual([]);
      if (!details.interrupted) expect(sent).toBeGreaterThanOrEqual(TARGET);
      else expect(sent).toBeGreaterThanOrEqual(10_000);

      // Still serving, its audit chain whole, nothing written by a refused request.
      const after = await PipelinedConnection.open(port);
      const [info] = await after.send([{ raw: build({ method: 'GET', path: '/v1/tasks', token: tokens.full }), head: false }]);
      after.close();
      expect(info?.status).toBe(200);
      expect(fixture.app.audit.verify().ok).toBe(true);
      expect(fixture.app.tasks.list({ page: 1, pageSize: 1 }).total).toBe(0);
    },
    fuzzTestTimeoutMs(SECONDS),
  );
});
