import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../src/shared/contract';
import { asOwner, bridgeRequest, EXTENSION_ORIGIN, openBridge } from '../support/bridge';

describe('bridge pairing, end to end over HTTP', () => {
  let fixture: Awaited<ReturnType<typeof openBridge>>;
  const folder = mkdtempSync(join(tmpdir(), 'aura-bridge-ws-'));
  const events: EventName[] = [];

  beforeAll(async () => {
    fixture = await openBridge();
    fixture.app.events.subscribe((event) => events.push(event));
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('pairs, hands the token out once, lets it work from its own origin, and stops it on revocation', async () => {
    const { app, port } = fixture;
    const asked = await bridgeRequest(port, { method: 'POST', path: '/v1/pair', body: { name: 'Chrome extension', scopes: ['tasks:read', 'tasks:write', 'approvals', 'pages:send'] }, headers: { origin: EXTENSION_ORIGIN } });
    expect(asked.status).toBe(200);
    expect(asked.headers['access-control-allow-origin']).toBe(EXTENSION_ORIGIN);
    const { requestId, code, pollSecret } = asked.json!.result as { requestId: string; code: string; pollSecret: string; expiresAt: string };
    expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    const poll = () => bridgeRequest(port, { path: `/v1/pair/${requestId}`, headers: { 'x-pair-secret': pollSecret, origin: EXTENSION_ORIGIN } });

    expect((await poll()).json).toEqual({ ok: true, result: { status: 'pending' } });
    expect((await bridgeRequest(port, { path: `/v1/pair/${requestId}`, headers: { 'x-pair-secret': 'wrong' } })).status).toBe(401);
    expect(events).toContain('bridge.changed');

    // The user sees the request in the app and approves it with fewer scopes than asked.
    const pending = await asOwner(app, 'bridge.pairings.list', {});
    expect(pending).toEqual([expect.objectContaining({ requestId, code, name: 'Chrome extension', origin: EXTENSION_ORIGIN })]);
    const client = await asOwner(app, 'bridge.pairings.approve', { code, scopes: ['tasks:read', 'tasks:write'] });
    expect(client).toMatchObject({ name: 'Chrome extension', kind: 'extension', origin: EXTENSION_ORIGIN, scopes: ['tasks:read', 'tasks:write'], lastSeenAt: null });

    const first = await poll();
    expect(first.json).toEqual({ ok: true, result: { status: 'approved', scopes: ['tasks:read', 'tasks:write'], token: expect.stringMatching(/^aura_[A-Za-z0-9_-]{43}$/) } });
    const token = (first.json!.result as { token: string }).token;
    expect((await poll()).json).toEqual({ ok: true, result: { status: 'approved', scopes: ['tasks:read', 'tasks:write'] } });

    // It works from its own origin and from none; not from another extension, not beyond its scopes.
    expect((await bridgeRequest(port, { path: '/v1/tasks', token, headers: { origin: EXTENSION_ORIGIN } })).status).toBe(200);
    expect((await bridgeRequest(port, { path: '/v1/tasks', token })).json).toEqual({ ok: true, result: { tasks: [], total: 0 } });
    expect((await bridgeRequest(port, { path: '/v1/tasks', token, headers: { origin: 'chrome-extension://pppppppppppppppppppppppppppppppp' } })).status).toBe(403);
    expect((await bridgeRequest(port, { path: '/v1/approvals', token })).status).toBe(403);

    // A data-changing call is dispatched as the client and audited as such, without the token anywhere.
    const workspace = await asOwner(app, 'workspaces.add', { path: folder, name: 'pages' });
    const created = await bridgeRequest(port, { method: 'POST', path: '/v1/tasks', token, body: { goal: 'Tidy the notes', workspaceId: workspace.id } });
    expect(created.status).toBe(200);
    expect(created.json!.result).toMatchObject({ profile: 'ask' });
    const taskId = (created.json!.result as { id: string }).id;
    await app.agent.settled(taskId);
    const audit = app.audit.list({ page: 1, pageSize: 200 }).entries;
    expect(audit.find((entry) => entry.action === 'task.create')).toMatchObject({ actor: 'client:Chrome extension', target: taskId });
    expect(audit.find((entry) => entry.action === 'bridge.call')).toMatchObject({ actor: 'client:Chrome extension', target: 'tasks.create', detail: { method: 'POST', status: 200 } });
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['bridge.pair.request', 'bridge.pair.approve', 'bridge.pair.collect']));
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(pollSecret);
    const listed = await asOwner(app, 'bridge.clients.list', {});
    expect(listed).toEqual([expect.objectContaining({ name: 'Chrome extension', lastSeenAt: expect.any(String) })]);
    expect(JSON.stringify(listed)).not.toContain(token);

    // It cannot switch approvals off for its own tasks: not Full access, not a custom profile left inactive.
    const unchecked = await bridgeRequest(port, { method: 'POST', path: '/v1/tasks', token, body: { goal: 'Run anything', workspaceId: workspace.id, profile: 'yes' } });
    expect(unchecked).toMatchObject({ status: 403, json: { ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('"yes"') } } });
    const everything = (await asOwner(app, 'profiles.copy', { profile: 'yes', name: 'Everything' })) as { id: string };
    expect((await bridgeRequest(port, { method: 'POST', path: '/v1/tasks', token, body: { goal: 'Run anything', workspaceId: workspace.id, profile: everything.id } })).status).toBe(403);
    expect((await bridgeRequest(port, { method: 'POST', path: '/v1/tasks', token, body: { goal: 'Read only', workspaceId: workspace.id, profile: 'read-only' } })).json!.result).toMatchObject({ profile: 'read-only' });

    // A token handed out is redacted by value from then on, wherever it turns up.
    const echoed = await bridgeRequest(port, { method: 'POST', path: '/v1/tasks', token, body: { goal: `remember ${token}`, workspaceId: workspace.id } });
    expect(echoed.status).toBe(200);
    expect((echoed.json!.result as { goal: string }).goal).toBe('remember [secret redacted]');
    await app.agent.settled((echoed.json!.result as { id: string }).id);

    expect(await asOwner(app, 'bridge.clients.revoke', { name: 'Chrome extension' })).toEqual({ revoked: true });
    const after = await bridgeRequest(port, { path: '/v1/tasks', token });
    expect(after.status).toBe(401);
    expect(after.json).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(app.audit.list({ page: 1, pageSize: 1 }).entries[0]).toMatchObject({ actor: 'ui', action: 'bridge.client.revoke', target: 'Chrome extension' });
  });

  it('makes a script token with `bridge.tokens.create`, shown once, that works with no Origin', async () => {
    const { app, port } = fixture;
    const { token, client } = await asOwner(app, 'bridge.tokens.create', { name: 'nightly', scopes: ['tasks:read'] });
    expect(client).toMatchObject({ name: 'nightly', kind: 'token', origin: null });
    expect((await bridgeRequest(port, { path: '/v1/workspaces', token })).status).toBe(200);
    expect((await bridgeRequest(port, { path: '/v1/workspaces', token, headers: { origin: EXTENSION_ORIGIN } })).status).toBe(403);
    expect(await asOwner(app, 'bridge.status', {})).toEqual({ enabled: true, port, url: `http://127.0.0.1:${port}/v1` });
  });

  it('refuses pairing requests from web pages and past its rate', async () => {
    const { port } = fixture;
    const fromPage = await bridgeRequest(port, { method: 'POST', path: '/v1/pair', body: { name: 'evil', scopes: ['tasks:read'] }, headers: { origin: 'https://evil.example' } });
    expect(fromPage.status).toBe(403);
    const bad = await bridgeRequest(port, { method: 'POST', path: '/v1/pair', body: { name: 'x\u0000y', scopes: ['root'] } });
    expect(bad.status).toBe(400);
    // 5 a minute per address: the first test and the bad one above used two.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await bridgeRequest(port, { method: 'POST', path: '/v1/pair', body: { name: `n${i}`, scopes: ['tasks:read'] } })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
