import { createHash } from 'node:crypto';
import { openTempApp } from '../../../test/support/temp-app';
import { OWNER_UI } from '../../shared/auth';
import { PAIRING_TTL_MS, TOKEN_IDLE_EXPIRY_MS } from '../../shared/bridge';
import { AuraError } from '../../shared/errors';
import { redactSecrets } from '../secrets/secret-values';
import { BridgeService } from './bridge-service';
import { MAX_PENDING } from './pairing-book';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('BridgeService', () => {
  const app = openTempApp();
  afterAll(() => app.dispose());
  let clock = Date.parse('2030-01-01T00:00:00Z');
  let service: BridgeService;
  const now = () => clock;
  const afterNow = (task: () => void) => task();

  beforeEach(() => {
    app.store.db.exec('DELETE FROM bridge_clients');
    service = new BridgeService({ db: app.store.db, audit: app.audit, events: app.events, settings: app.settings, now });
  });

  const codeOf = (error: unknown) => (error instanceof AuraError ? error.code : String(error));
  const thrown = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      return codeOf(err);
    }
    return 'no error';
  };

  it('makes a token that is stored as its SHA-256 only, works once presented, and stops on revocation', () => {
    const { token, client } = service.createToken('ci script', ['tasks:read'], 'cli', afterNow);
    expect(token).toMatch(/^aura_[A-Za-z0-9_-]{43}$/);
    const rows = app.store.db.prepare('SELECT * FROM bridge_clients').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(service.listClients())).not.toContain(token);

    const auth = service.authenticate(`Bearer ${token}`);
    expect(auth).toMatchObject({ ok: true, principal: { kind: 'client', clientId: client.id, name: 'ci script', scopes: ['tasks:read'] } });
    expect(service.authenticate(undefined)).toEqual({ ok: false, reason: 'missing' });
    // One character changed (one token in 64 ends in A already: then B).
    expect(service.authenticate(`Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toEqual({ ok: false, reason: 'unknown' });
    expect(service.authenticate(`bearer ${token}`)).toEqual({ ok: false, reason: 'unknown' });
    expect(service.authenticate(`Bearer ${token} `)).toEqual({ ok: false, reason: 'unknown' });

    expect(thrown(() => service.createToken('ci script', ['tasks:read'], 'cli', afterNow))).toBe('CONFLICT');
    expect(service.revoke('ci script', 'cli')).toBe(true);
    expect(service.revoke('ci script', 'cli')).toBe(false);
    expect(service.authenticate(`Bearer ${token}`)).toEqual({ ok: false, reason: 'unknown' });
    // The name is free again once its client is revoked.
    expect(service.createToken('ci script', ['tasks:read'], 'cli', afterNow).client.name).toBe('ci script');
  });

  it('keeps its clients across a restart (the cache is loaded from the database)', () => {
    const { token } = service.createToken('kept', ['approvals'], 'cli', afterNow);
    const restarted = new BridgeService({ db: app.store.db, audit: app.audit, events: app.events, settings: app.settings, now });
    expect(restarted.authenticate(`Bearer ${token}`)).toMatchObject({ ok: true, principal: { name: 'kept', scopes: ['approvals'] } });
  });

  it('expires a token unused for 90 days, revoking it in the audit trail', () => {
    const { token } = service.createToken('idle', ['tasks:read'], 'cli', afterNow);
    clock += TOKEN_IDLE_EXPIRY_MS - 1000;
    expect(service.authenticate(`Bearer ${token}`).ok).toBe(true);
    // Use renews it: 90 days from the last request, not from creation.
    clock += TOKEN_IDLE_EXPIRY_MS - 1000;
    expect(service.authenticate(`Bearer ${token}`).ok).toBe(true);
    clock += TOKEN_IDLE_EXPIRY_MS;
    expect(service.authenticate(`Bearer ${token}`)).toEqual({ ok: false, reason: 'expired' });
    expect(service.listClients()).toEqual([]);
    expect(app.audit.list({ page: 1, pageSize: 1 }).entries[0]).toMatchObject({ actor: 'system', action: 'bridge.client.revoke', target: 'idle', detail: { reason: 'unused too long' } });
  });

  it('pairs: pending, approved with fewer scopes, the token once, then never again', () => {
    const pair = service.requestPairing({ name: 'Chrome extension', scopes: ['tasks:read', 'tasks:write', 'pages:send'], origin: EXTENSION }, afterNow);
    expect(pair.code).toMatch(/^[34679ACDEFGHJKMNPQRTUVWXY]{3}-[34679ACDEFGHJKMNPQRTUVWXY]{3}$/);
    expect(service.pollPairing(pair.requestId, pair.pollSecret, EXTENSION, afterNow)).toEqual({ status: 'pending' });
    expect(service.listPairings()).toEqual([expect.objectContaining({ requestId: pair.requestId, name: 'Chrome extension', code: pair.code, origin: EXTENSION })]);

    expect(thrown(() => service.approve(pair.code, ['approvals'], 'ui'))).toBe('BAD_REQUEST');
    // The code is read back as typed: lower case, no dash.
    const client = service.approve(pair.code.toLowerCase().replace('-', ''), ['tasks:read'], 'ui');
    expect(client).toMatchObject({ name: 'Chrome extension', kind: 'extension', origin: EXTENSION, scopes: ['tasks:read'] });
    expect(service.listPairings()).toEqual([]);

    const first = service.pollPairing(pair.requestId, pair.pollSecret, EXTENSION, afterNow);
    expect(first).toMatchObject({ status: 'approved', scopes: ['tasks:read'], token: expect.stringMatching(/^aura_/) });
    expect(service.pollPairing(pair.requestId, pair.pollSecret, null, afterNow)).toEqual({ status: 'approved', scopes: ['tasks:read'] });
    expect(service.authenticate(`Bearer ${first.token}`)).toMatchObject({ ok: true, client: { origin: EXTENSION } });
  });

  it('refuses a wrong poll secret or another origin, and forgets nothing it should not', () => {
    const pair = service.requestPairing({ name: 'ext', scopes: ['tasks:read'], origin: EXTENSION }, afterNow);
    expect(thrown(() => service.pollPairing(pair.requestId, `${pair.pollSecret}x`, null, afterNow))).toBe('UNAUTHORIZED');
    expect(thrown(() => service.pollPairing(pair.requestId, undefined, null, afterNow))).toBe('UNAUTHORIZED');
    expect(thrown(() => service.pollPairing(pair.requestId, pair.pollSecret, 'chrome-extension://pppppppppppppppppppppppppppppppp', afterNow))).toBe('FORBIDDEN');
    expect(thrown(() => service.pollPairing('00000000-0000-4000-8000-000000000000', pair.pollSecret, null, afterNow))).toBe('NOT_FOUND');
  });

  it('denies, expires pending requests, and withdraws a token nobody collected', () => {
    const denied = service.requestPairing({ name: 'denied', scopes: ['tasks:read'], origin: null }, afterNow);
    expect(service.deny(denied.code, 'ui')).toBe(true);
    expect(service.deny(denied.code, 'ui')).toBe(false);
    expect(service.pollPairing(denied.requestId, denied.pollSecret, null, afterNow)).toEqual({ status: 'denied' });
    expect(thrown(() => service.approve(denied.code, undefined, 'ui'))).toBe('NOT_FOUND');

    const lapsed = service.requestPairing({ name: 'lapsed', scopes: ['tasks:read'], origin: null }, afterNow);
    const uncollected = service.requestPairing({ name: 'uncollected', scopes: ['tasks:read'], origin: null }, afterNow);
    service.approve(uncollected.code, undefined, 'ui');
    expect(service.listClients().map((client) => client.name)).toEqual(['uncollected']);
    clock += PAIRING_TTL_MS;
    expect(service.pollPairing(lapsed.requestId, lapsed.pollSecret, null, afterNow)).toEqual({ status: 'expired' });
    expect(thrown(() => service.approve(lapsed.code, undefined, 'ui'))).toBe('NOT_FOUND');
    expect(service.pollPairing(uncollected.requestId, uncollected.pollSecret, null, afterNow)).toEqual({ status: 'expired' });
    expect(service.listClients()).toEqual([]);
    // Settled requests are forgotten after a while.
    clock += 11 * 60_000;
    expect(thrown(() => service.pollPairing(lapsed.requestId, lapsed.pollSecret, null, afterNow))).toBe('NOT_FOUND');
  });

  it('keeps at most 20 requests waiting, and names a second paired client apart', () => {
    for (let i = 0; i < MAX_PENDING; i += 1) service.requestPairing({ name: `flood ${i}`, scopes: ['tasks:read'], origin: null }, afterNow);
    expect(thrown(() => service.requestPairing({ name: 'one more', scopes: ['tasks:read'], origin: null }, afterNow))).toBe('RATE_LIMITED');
    const codes = new Set(service.listPairings().map((pairing) => pairing.code));
    expect(codes.size).toBe(MAX_PENDING);
    clock += PAIRING_TTL_MS;
    const first = service.requestPairing({ name: 'Chrome extension', scopes: ['tasks:read'], origin: null }, afterNow);
    const second = service.requestPairing({ name: 'Chrome extension', scopes: ['tasks:read'], origin: null }, afterNow);
    expect(service.approve(first.code, undefined, 'ui').name).toBe('Chrome extension');
    expect(service.approve(second.code, undefined, 'ui').name).toBe('Chrome extension (2)');
  });

  it('hands a token out in the reply that creates it, and redacts it by value from then on', async () => {
    const reply = await app.dispatch('bridge.tokens.create', { name: 'redacted later', scopes: ['tasks:read'] }, OWNER_UI);
    expect(reply.ok).toBe(true);
    const token = (reply as { result: { token: string } }).result.token;
    expect(token).toMatch(/^aura_[A-Za-z0-9_-]{43}$/);
    expect(redactSecrets(`the token is ${token}`)).toBe('the token is [secret redacted]');
    const listed = await app.dispatch('bridge.clients.list', {}, OWNER_UI);
    expect(JSON.stringify(listed)).not.toContain(token);
    const audit = app.audit.list({ page: 1, pageSize: 200 }).entries;
    expect(audit.find((entry) => entry.action === 'bridge.token.create')).toMatchObject({ actor: 'ui', target: 'redacted later', detail: { scopes: ['tasks:read'] } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });
});
