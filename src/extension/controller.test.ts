import { describe, expect, it } from '@jest/globals';
import type { Task, ToolCallRecord } from '../shared/tasks';
import type { Fetch } from './bridge-client';
import { CLIENT_NAME, concernsTask, ExtensionController, REQUESTED_SCOPES } from './controller';
import type { ContentReply, PopupView } from './messages';
import type { StoredState } from './stored-state';

// The controller against an in-memory stand-in of the bridge: what it asks, and what the popup sees.
// (The real bridge is exercised end to end in test/e2e/extension.test.ts.)

const TASK_ID = '7d1c2a4e-8b6f-4c3d-9e2a-1f0b3c4d5e6f';
const CALL_ID = '0b9f3c9e-52a1-4d7e-9a55-1b8c0d0e7f10';
const TOKEN = 'aura_test-token';
const REQUEST_ID = '3c9d2b1a-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const NOW = Date.parse('2030-01-01T00:00:00.000Z');

const task = (over: Partial<Task> = {}): Task => ({
  id: TASK_ID,
  goal: 'Summarize this page',
  workspacePath: '/ws',
  status: 'queued',
  profile: 'ask',
  error: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  ...over,
});

const waitingCall = (): ToolCallRecord => ({
  id: CALL_ID,
  taskId: TASK_ID,
  stepId: null,
  name: 'write',
  input: { path: 'notes.md', content: 'x'.repeat(1000) },
  output: null,
  status: 'waiting_approval',
  risk: 'write',
  error: null,
  durationMs: null,
  createdAt: '2030-01-01T00:00:00.000Z',
});

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** A bridge in memory, with the same envelope, statuses and one-time token as the agreed API. */
function fakeBridge() {
  const bridge = {
    up: true,
    pairStatus: 'pending' as 'pending' | 'approved' | 'denied' | 'expired',
    grantedScopes: [...REQUESTED_SCOPES],
    tokenTaken: false,
    tokens: new Set<string>(),
    task: null as Task | null,
    approvals: [] as ToolCallRecord[],
    seen: [] as Seen[],
    streams: [] as ReadableStreamDefaultController<Uint8Array>[],
    emit(event: string, data: unknown) {
      const chunk = new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      for (const stream of bridge.streams) stream.enqueue(chunk);
    },
    fetch: (async (url, init) => {
      if (!bridge.up) throw new TypeError('Failed to fetch');
      const { pathname } = new URL(url);
      const path = pathname.replace(/^\/v1/, '');
      const headers = new Headers(init.headers);
      bridge.seen.push({ method: init.method ?? 'GET', path, headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
      const ok = (result: unknown) => Response.json({ ok: true, result });
      const fail = (status: number, code: string, message: string) => Response.json({ ok: false, error: { code, message, hint: 'What to do' } }, { status });
      if (path === '/pair' && init.method === 'POST') return ok({ requestId: REQUEST_ID, code: 'K7M4QX', pollSecret: 'poll-secret', expiresAt: new Date(NOW + 300_000).toISOString() });
      if (path === `/pair/${REQUEST_ID}`) {
        if (headers.get('x-pair-secret') !== 'poll-secret') return fail(401, 'UNAUTHORIZED', 'Wrong secret');
        if (bridge.pairStatus !== 'approved' || bridge.tokenTaken) return ok({ status: bridge.pairStatus });
        bridge.tokenTaken = true;
        bridge.tokens.add(TOKEN);
        return ok({ status: 'approved', token: TOKEN, scopes: bridge.grantedScopes });
      }
      const auth = headers.get('authorization');
      if (!auth || !bridge.tokens.has(auth.replace(/^Bearer /, ''))) return fail(401, 'UNAUTHORIZED', 'No valid token');
      if (path === '/info') return ok({ name: 'Aura Work', version: '0.1.0', host: 'headless' });
      if (path === '/pages' && init.method === 'POST') {
        bridge.task = task({ goal: (JSON.parse(String(init.body)) as { instruction?: string }).instruction ?? 'Summarize this page' });
        return ok(bridge.task);
      }
      if (path === `/tasks/${TASK_ID}` && bridge.task) return ok({ task: bridge.task, steps: [{ id: 's1', taskId: TASK_ID, index: 0, title: 'Read the page', detail: '', status: 'running' }], messages: [], toolCalls: [], reviews: [], modelCalls: [], hasOlder: false, totals: {} });
      if (path === '/approvals') return ok(bridge.approvals);
      if (path === `/approvals/${CALL_ID}`) {
        bridge.approvals = [];
        return ok({ ...waitingCall(), status: 'running' });
      }
      if (path === '/events') {
        const body = new ReadableStream<Uint8Array>({ start: (controller) => void bridge.streams.push(controller) });
        return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
      }
      return fail(404, 'NOT_FOUND', `No route ${path}`);
    }) as Fetch,
  };
  return bridge;
}

const PAGE: ContentReply = { type: 'aura.extracted', url: 'http://127.0.0.1:9/article', title: 'Article', text: '# Article\n\nThe text.' };

function setup(stored: Partial<StoredState> = {}, extract: () => Promise<ContentReply> = async () => PAGE) {
  const bridge = fakeBridge();
  const timers: (() => void)[] = [];
  let onTimer: (() => void) | null = null;
  const saved: StoredState[] = [];
  const controller = new ExtensionController({
    fetch: bridge.fetch,
    loadState: async () => (Object.keys(stored).length ? { port: 47826, pairing: { status: 'unpaired' }, taskId: null, ...stored } : undefined),
    saveState: async (state) => void saved.push(state),
    extract,
    now: () => NOW,
    later: (run) => {
      timers.push(run);
      onTimer?.();
      return () => timers.splice(timers.indexOf(run), 1);
    },
  });
  const views: PopupView[] = [];
  let waiter: { accept: (view: PopupView) => boolean; resolve: (view: PopupView) => void } | null = null;
  controller.attach((view) => {
    views.push(view);
    if (waiter?.accept(view)) waiter.resolve(view);
  });
  return {
    bridge,
    controller,
    saved,
    views,
    /** Runs the timers due (the next pairing poll). */
    tick: () => timers.splice(0).forEach((run) => run()),
    pendingTimers: () => timers.length,
    /** Resolves when a timer is set again (a poll that changed nothing ends by setting the next one). */
    timerSet: () =>
      new Promise<void>((resolve) => {
        if (timers.length > 0) return resolve();
        onTimer = () => {
          onTimer = null;
          resolve();
        };
      }),
    /** The next view that satisfies `accept` (or the current one), failing after 2 s. */
    until: (accept: (view: PopupView) => boolean) =>
      new Promise<PopupView>((resolve, reject) => {
        const last = views.at(-1);
        if (last && accept(last)) return resolve(last);
        const timer = setTimeout(() => reject(new Error(`no such view; last: ${JSON.stringify(views.at(-1))}`)), 2000);
        waiter = { accept, resolve: (view) => (clearTimeout(timer), resolve(view)) };
      }),
  };
}

const paired = { pairing: { status: 'paired' as const, token: TOKEN, scopes: [...REQUESTED_SCOPES] } };

describe('pairing through the controller', () => {
  it('asks for every scope, shows the code, polls with the secret and stores the token it gets once', async () => {
    const { bridge, controller, saved, tick, timerSet, until } = setup();
    await controller.handle({ type: 'pair.start' });
    const waiting = await until((view) => view.pairing.status === 'waiting');
    expect(waiting.pairing).toEqual({ status: 'waiting', code: 'K7M4QX', expiresAt: new Date(NOW + 300_000).toISOString() });
    expect(bridge.seen[0]).toMatchObject({ method: 'POST', path: '/pair', body: { name: CLIENT_NAME, scopes: REQUESTED_SCOPES } });

    tick();
    await timerSet();
    expect(bridge.seen).toHaveLength(2);
    expect(bridge.seen[1]!.headers.get('x-pair-secret')).toBe('poll-secret');
    expect(bridge.seen[1]!.headers.get('authorization')).toBeNull();

    bridge.pairStatus = 'approved';
    bridge.grantedScopes = ['pages:send', 'tasks:read'];
    tick();
    const done = await until((view) => view.pairing.status === 'paired');
    expect(done.pairing).toEqual({ status: 'paired', scopes: ['pages:send', 'tasks:read'] });
    expect(saved.at(-1)?.pairing).toEqual({ status: 'paired', token: TOKEN, scopes: ['pages:send', 'tasks:read'] });
    // The views the popup got never held the token.
    expect(JSON.stringify(done)).not.toContain(TOKEN);
  });

  it('says the app is not running when nothing answers, and pairs once it is back', async () => {
    const { bridge, controller, until } = setup();
    bridge.up = false;
    await controller.handle({ type: 'pair.start' });
    const failed = await until((view) => view.pairing.status === 'failed');
    expect(failed).toMatchObject({ reachable: false, pairing: { status: 'failed', reason: 'unreachable' }, problem: { kind: 'unreachable' } });
    bridge.up = true;
    await controller.handle({ type: 'pair.start' });
    expect((await until((view) => view.pairing.status === 'waiting')).problem).toBeNull();
  });

  it('keeps a request waiting through an app restart, and reports a denial', async () => {
    const { bridge, controller, tick, until } = setup();
    await controller.handle({ type: 'pair.start' });
    await until((view) => view.pairing.status === 'waiting');
    bridge.up = false;
    tick();
    expect((await until((view) => view.problem?.kind === 'unreachable')).pairing.status).toBe('waiting');
    bridge.up = true;
    bridge.pairStatus = 'denied';
    tick();
    expect((await until((view) => view.pairing.status === 'failed')).pairing).toEqual({ status: 'failed', reason: 'denied' });
  });

  it('resumes polling a request stored by a worker Chrome stopped', async () => {
    const { pendingTimers, controller } = setup({ pairing: { status: 'waiting', requestId: REQUEST_ID, code: 'K7M4QX', pollSecret: 'poll-secret', expiresAt: new Date(NOW + 60_000).toISOString() } });
    await controller.ready;
    expect(pendingTimers()).toBe(1);
  });
});

describe('sending a page and following its task', () => {
  it('sends the page with the instruction, then shows the task, its plan and its approvals, and answers them', async () => {
    const { bridge, controller, until } = setup(paired);
    bridge.tokens.add(TOKEN);
    bridge.approvals = [waitingCall()];
    await controller.handle({ type: 'page.send', tabId: 4, mode: 'page', instruction: 'List the claims' });
    const post = bridge.seen.find((request) => request.path === '/pages');
    expect(post?.body).toEqual({ url: PAGE.url, title: 'Article', text: PAGE.text, instruction: 'List the claims' });
    expect(post?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);

    const shown = await until((view) => view.approvals.length === 1 && (view.task?.steps.length ?? 0) === 1);
    expect(shown.task).toMatchObject({ id: TASK_ID, goal: 'List the claims', status: 'queued', steps: [{ title: 'Read the page', status: 'running' }] });
    expect(shown.approvals[0]).toMatchObject({ id: CALL_ID, name: 'write', risk: 'write' });
    expect(shown.approvals[0]!.input.length).toBeLessThanOrEqual(301);

    await controller.handle({ type: 'approval.answer', toolCallId: CALL_ID, decision: 'once' });
    expect(bridge.seen.find((request) => request.path === `/approvals/${CALL_ID}`)?.body).toEqual({ decision: 'once' });
    expect((await until((view) => view.approvals.length === 0)).answering).toEqual([]);
  });

  it('follows the task through the event stream while the popup is open', async () => {
    const { bridge, controller, until } = setup(paired);
    bridge.tokens.add(TOKEN);
    await controller.handle({ type: 'page.send', tabId: 4, mode: 'page', instruction: '' });
    await until(() => bridge.streams.length === 1);
    expect(bridge.seen.find((request) => request.path === '/events')?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    // Let the loads already under way finish, so only the event can bring the change below.
    await controller.handle({ type: 'task.refresh' });
    bridge.task = task({ status: 'done' });
    bridge.emit('task.updated', { id: 'another-task', status: 'failed' });
    bridge.emit('task.updated', bridge.task);
    expect((await until((view) => view.task?.status === 'done')).task?.status).toBe('done');
  });

  it('says why a page could not be sent: nothing selected', async () => {
    const { bridge, controller, until } = setup(paired, async () => ({ type: 'aura.extractFailed', reason: 'empty-selection' }));
    bridge.tokens.add(TOKEN);
    await controller.handle({ type: 'page.send', tabId: 4, mode: 'selection', instruction: '' });
    expect((await until((view) => view.problem !== null)).problem).toEqual({ kind: 'empty-selection' });
    expect(bridge.seen.some((request) => request.path === '/pages')).toBe(false);
  });

  it('turns a revoked token into "pair again", and forgets the token', async () => {
    const { controller, saved, until } = setup(paired);
    // The fake bridge knows no token: as after `aura bridge token revoke`.
    await controller.handle({ type: 'page.send', tabId: 4, mode: 'page', instruction: '' });
    const view = await until((next) => next.pairing.status === 'failed');
    expect(view).toMatchObject({ reachable: true, pairing: { status: 'failed', reason: 'revoked' }, problem: { kind: 'unauthorized', code: 'UNAUTHORIZED' } });
    expect(JSON.stringify(saved.at(-1))).not.toContain(TOKEN);
  });

  it('checks the token when the popup opens', async () => {
    const { controller, until } = setup(paired);
    await controller.handle({ type: 'hello' });
    expect((await until((view) => view.pairing.status === 'failed')).pairing).toEqual({ status: 'failed', reason: 'revoked' });
  });

  it('says that something else answers on the port', async () => {
    const { controller, until } = setup(paired);
    const wrong = new ExtensionController({
      fetch: async () => new Response('<html>not the bridge</html>', { headers: { 'content-type': 'text/html' } }),
      loadState: async () => ({ port: 8080, ...paired, taskId: null }),
      saveState: async () => undefined,
      extract: async () => PAGE,
      now: () => NOW,
      later: () => () => undefined,
    });
    let last: PopupView | null = null;
    wrong.attach((view) => (last = view));
    await wrong.handle({ type: 'hello' });
    expect(last).toMatchObject({ reachable: true, problem: { kind: 'not-aura' }, pairing: { status: 'paired' } });
    await controller.handle({ type: 'port.set', port: 50000 });
    expect((await until((view) => view.port === 50000)).port).toBe(50000);
  });
});

describe('which stream events concern the task', () => {
  it('matches task.updated by its id and the others by their taskId', () => {
    expect(concernsTask({ event: 'task.updated', data: JSON.stringify({ id: TASK_ID }) }, TASK_ID)).toBe(true);
    expect(concernsTask({ event: 'task.updated', data: JSON.stringify({ id: CALL_ID, taskId: TASK_ID }) }, TASK_ID)).toBe(false);
    expect(concernsTask({ event: 'task.toolCall', data: JSON.stringify({ id: CALL_ID, taskId: TASK_ID }) }, TASK_ID)).toBe(true);
    expect(concernsTask({ event: 'task.step', data: JSON.stringify({ taskId: CALL_ID }) }, TASK_ID)).toBe(false);
    expect(concernsTask({ event: 'task.step', data: 'not json' }, TASK_ID)).toBe(false);
    expect(concernsTask({ event: 'task.step', data: 'null' }, TASK_ID)).toBe(false);
    expect(concernsTask({ event: 'task.step', data: JSON.stringify({ taskId: TASK_ID }) }, null)).toBe(false);
  });
});
