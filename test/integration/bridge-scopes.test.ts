import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayCall } from '../../src/core/auth/access';
import { contractRoutes, type ContractRoute } from '../../src/main/bridge/route-table';
import { Scope } from '../../src/shared/auth';
import type { ProcedureName } from '../../src/shared/contract';
import { asOwner, bridgeRequest, openBridge } from '../support/bridge';

/** Every non-empty set of scopes a client can hold. */
const SCOPE_SETS: Scope[][] = [];
for (let mask = 1; mask < 1 << Scope.options.length; mask += 1) SCOPE_SETS.push(Scope.options.filter((_, bit) => mask & (1 << bit)));

/** A request for each route: path parameters name records that do not exist (404 once allowed); bodies are valid. */
const SAMPLES: Partial<Record<ProcedureName, { query?: string; body?: unknown; expect: number; code?: string }>> = {
  'app.info': { expect: 200 },
  'workspaces.list': { expect: 200 },
  'tasks.list': { query: '?pageSize=5&active=true', expect: 200 },
  'tasks.create': { body: { goal: 'Scope matrix task' }, expect: 200 },
  'tasks.get': { query: '?limit=10', expect: 404 },
  'tasks.history': { query: `?before=${encodeURIComponent(JSON.stringify({ at: '2030-01-01T00:00:00.000Z', kind: 'message', seq: 0 }))}`, expect: 404 },
  'tasks.toolCallOutput': { expect: 404 },
  'tasks.cancel': { expect: 404 },
  'tasks.resume': { expect: 404 },
  'approvals.list': { expect: 200 },
  // Nothing waits under an unknown id: the engine says so as a conflict.
  'approvals.answer': { body: { decision: 'deny', note: 'not now' }, expect: 409, code: 'CONFLICT' },
  // Nothing waits under an unknown id: there is no preview to show.
  'approvals.preview': { expect: 404 },
  'pages.send': { body: { url: 'https://example.com/a', title: 'A page', text: '# A page\n\nSome text.' }, expect: 200 },
};

function sample(route: ContractRoute) {
  const given = SAMPLES[route.procedure];
  if (!given) throw new Error(`The scope matrix has no sample request for ${route.procedure}: add one to SAMPLES.`);
  let path = `/v1${route.path}`;
  for (const param of route.pathParams) path = path.replace(`:${param}`, randomUUID());
  return { method: route.method, path: `${path}${given.query ?? ''}`, body: given.body, expect: given.expect, code: given.code ?? (given.expect === 200 ? null : 'NOT_FOUND') };
}

/** Opens the event stream and closes it as soon as the status is known. */
function streamStatus(port: number, path: string, token?: string): Promise<{ status: number; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] });
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
    req.end();
  });
}

describe('bridge scope matrix: every /v1 route × every set of scopes', () => {
  let fixture: Awaited<ReturnType<typeof openBridge>>;
  const folder = mkdtempSync(join(tmpdir(), 'aura-scopes-ws-'));
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    fixture = await openBridge();
    const workspace = await asOwner(fixture.app, 'workspaces.add', { path: folder, name: 'matrix' });
    await asOwner(fixture.app, 'settings.set', { key: 'defaultWorkspace', value: workspace.id });
    for (const scopes of SCOPE_SETS) tokens.set(scopes.join(' '), (await asOwner(fixture.app, 'bridge.tokens.create', { name: `matrix ${scopes.join(' ')}`, scopes })).token);
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const routes = contractRoutes();

  it.each(routes.map((route) => [`${route.method} /v1${route.path}`, route] as const))('%s', async (_name, route) => {
    const { port, app } = fixture;
    const anonymous = sample(route);
    const refused = await bridgeRequest(port, { method: anonymous.method, path: anonymous.path, body: anonymous.body });
    expect({ scopes: 'none', status: refused.status, code: refused.json?.error?.code }).toEqual({ scopes: 'none', status: 401, code: 'UNAUTHORIZED' });

    for (const scopes of SCOPE_SETS) {
      const token = tokens.get(scopes.join(' '))!;
      const call = sample(route);
      const reply = await bridgeRequest(port, { method: call.method, path: call.path, token, body: call.body });
      const allowed = mayCall({ kind: 'client', clientId: 'x', name: 'x', scopes }, route.access);
      const seen = { scopes: scopes.join(' '), status: reply.status, code: reply.json?.error?.code ?? null };
      if (allowed) expect(seen).toEqual({ scopes: scopes.join(' '), status: call.expect, code: call.code });
      else expect(seen).toEqual({ scopes: scopes.join(' '), status: 403, code: 'FORBIDDEN' });
      if (reply.status === 200 && (route.procedure === 'tasks.create' || route.procedure === 'pages.send')) await app.agent.settled((reply.json!.result as { id: string }).id);
    }
  });

  it('GET /v1/events: 401 without a token, 403 without tasks:read or approvals, a stream with either', async () => {
    const { port } = fixture;
    expect((await streamStatus(port, '/v1/events')).status).toBe(401);
    for (const scopes of SCOPE_SETS) {
      const token = tokens.get(scopes.join(' '))!;
      const any = await streamStatus(port, '/v1/events', token);
      const mayFollow = scopes.includes('tasks:read') || scopes.includes('approvals');
      expect({ scopes, status: any.status }).toEqual({ scopes, status: mayFollow ? 200 : 403 });
      if (mayFollow) expect(any.type).toBe('text/event-stream; charset=utf-8');
      const updates = await streamStatus(port, '/v1/events?topics=task.updated', token);
      expect({ scopes, status: updates.status }).toEqual({ scopes, status: scopes.includes('tasks:read') ? 200 : 403 });
      const toolCalls = await streamStatus(port, '/v1/events?topics=task.toolCall', token);
      expect({ scopes, status: toolCalls.status }).toEqual({ scopes, status: mayFollow ? 200 : 403 });
    }
  });

  it('covers every route the contract declares', () => {
    expect(routes.map((route) => route.procedure).sort()).toEqual(Object.keys(SAMPLES).sort());
  });
});
