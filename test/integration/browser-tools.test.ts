import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { OWNER_UI } from '../../src/shared/auth';
import type { ActionResult, BrowserFrame, BrowserLogEvent, NavigateResult, ScreenshotResult } from '../../src/shared/browser';
import type { EventName } from '../../src/shared/contract';
import { imageOutputOf } from '../../src/shared/image-output';
import type { BuiltinProfileId } from '../../src/shared/permissions';
import { startBrowserPages, type BrowserPages } from '../support/browser-pages';
import { CHROMIUM_PATH } from '../support/chromium';
import { openTempApp, tempDir } from '../support/temp-app';

// The browser tools as their callers reach them (the tool runner: the agent's path and the CLI's), against
// local pages: forms, navigation, a page that never finishes loading, popups, a script reaching for file:,
// cookies per task, downloads, private addresses by profile, the Browser page's procedures, and a browser
// worker killed with -9 mid-action.

jest.setTimeout(120_000);

const app = openTempApp();
let pages: BrowserPages;
let ws: string;

beforeAll(async () => {
  pages = await startBrowserPages();
  ws = realpathSync(tempDir('aura-browser-ws-'));
  app.settings.set({ key: 'chromiumPath', value: CHROMIUM_PATH }, 'test');
});
afterAll(async () => {
  await app.dispose();
  await pages.close();
});

type Options = { taskId?: string | null; profile?: BuiltinProfileId; approve?: () => Promise<boolean>; signal?: AbortSignal };

async function call<T>(name: string, input: unknown, { taskId = null, profile = 'yes', approve = async () => false, signal = new AbortController().signal }: Options = {}) {
  const result = await app.runner.call({ name, input, ctx: { roots: [ws], signal, actor: 'test', taskId }, profile, approve });
  return result as typeof result & { output: T };
}

/** Calls a tool that must succeed, and returns its output. */
async function ok<T>(name: string, input: unknown, options: Options = {}): Promise<T> {
  const result = await call<T>(name, input, options);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.output;
}

const dispatch = async <T>(method: string, input: unknown): Promise<T> => {
  const reply = await app.dispatch(method, input, OWNER_UI);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as T;
};

/** Resolves with the first event of `name` whose payload `match` accepts. */
function nextEvent<T>(name: EventName, match: (payload: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const stop = app.events.subscribe((event, payload) => {
      if (event === name && match(payload as T)) {
        stop();
        resolve(payload as T);
      }
    });
  });
}

describe('the browser tools', () => {
  it('are registered: navigate, click, type and select as network tools; scroll, wait and screenshot as reads', () => {
    const risks = Object.fromEntries(app.tools.list().filter((t) => t.name.startsWith('browser_')).map((t) => [t.name, t.risk]));
    expect(risks).toEqual({ browser_click: 'network', browser_navigate: 'network', browser_screenshot: 'read', browser_scroll: 'read', browser_select: 'network', browser_type: 'network', browser_wait: 'read' });
  });

  it('navigate returns the final URL, the title and the readable text as markdown; a click on a link says what changed', async () => {
    const page = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/page.html` });
    expect(page).toMatchObject({ url: `${pages.origin}/page.html`, title: 'Aura test page', status: 200, truncated: false });
    expect(page.text).toMatch(/^## The browser worker/m);
    expect(page.text).toContain('PELICAN-42');
    expect(page.text).toContain(`[the second page](${pages.origin}/second.html)`);
    // Readability keeps the article: the site's menu and footer stay out.
    expect(page.text).not.toContain('Footer text');
    expect(page.controls).toContain('link "the second page"');

    const clicked = await ok<ActionResult>('browser_click', { role: 'link', name: 'the second page' });
    expect(clicked).toMatchObject({ url: `${pages.origin}/second.html`, title: 'Second page', urlChanged: true, titleChanged: true });
    expect(clicked.newText).toContain('OSPREY-7');
  });

  it('fills a form by role and name: types, selects, ticks, submits, and reports the text that appeared', async () => {
    await ok('browser_navigate', { url: `${pages.origin}/form.html` });
    expect(await ok<ActionResult>('browser_type', { role: 'textbox', name: 'Name', value: 'Ada' })).toMatchObject({ urlChanged: false, newText: '' });
    await ok('browser_select', { role: 'combobox', name: 'Colour', option: 'Green' });
    await ok('browser_click', { role: 'checkbox', name: 'Gift wrap' });
    const sent = await ok<ActionResult>('browser_click', { role: 'button', name: 'Send order' });
    expect(sent).toMatchObject({ urlChanged: false, newText: 'Thanks, Ada! Green, gift wrapped.' });

    const searched = await ok<ActionResult>('browser_type', { role: 'searchbox', name: 'Search', value: 'herons', submit: true });
    expect(searched).toMatchObject({ url: `${pages.origin}/result?q=herons`, title: 'Results', urlChanged: true, newText: 'Results for herons' });
  });

  it('says which element it could not find, with the page’s controls to choose from; asks for an index when several match', async () => {
    await ok('browser_navigate', { url: `${pages.origin}/form.html` });
    const missing = await call('browser_click', { role: 'button', name: 'Buy now', exact: true });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('No button "Buy now" is on the page'), hint: expect.stringContaining('button "Send order"') } });
    const several = await call('browser_click', { role: 'button' });
    expect(several).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^2 elements match button: 0: "Send order", 1: "Search"/), hint: expect.stringContaining('index') } });
    expect(await call('browser_click', { name: 'Send order' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('role') } });
  });

  it('waits for an element that appears later, scrolls, and cuts a long page with a note', async () => {
    await ok('browser_navigate', { url: `${pages.origin}/later.html` });
    expect(await ok<ActionResult>('browser_wait', { role: 'button', name: 'Appeared' })).toMatchObject({ url: `${pages.origin}/later.html` });
    const long = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/long.html` });
    expect(long.truncated).toBe(true);
    expect(long.text).toMatch(/\[… cut here: the page has [\d,]+ characters of text, of which the first 30,000 are shown\.\]$/);
    expect(long.text).not.toContain('THE-END-MARKER');
    await ok('browser_scroll', { direction: 'bottom' });
    await ok('browser_scroll', { text: 'THE-END-MARKER' });
    expect(await ok<ActionResult>('browser_scroll', { direction: 'up', pages: 2 })).toMatchObject({ urlChanged: false });
  });

  it('returns what had loaded of a page that never finishes loading, within its time limit', async () => {
    const partial = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/never` });
    expect(partial).toMatchObject({ url: `${pages.origin}/never`, title: 'Never finishes', status: null });
    expect(partial.text).toContain('HERON-9');
    expect(partial.notes).toContain('The page did not finish loading within 15 s; this is what had loaded by then.');
  });

  it('captures popups as pages of the same context, reports them, and makes the newest the current page', async () => {
    await ok('browser_navigate', { url: `${pages.origin}/popup.html` });
    const opened = await ok<ActionResult>('browser_click', { role: 'button', name: 'Open popup' });
    expect(opened.popups).toEqual([{ url: `${pages.origin}/second.html`, title: 'Second page' }]);
    expect(opened).toMatchObject({ url: `${pages.origin}/second.html`, notes: ['A new page opened; the newest is now the current page.'] });
    const shot = await ok<ScreenshotResult>('browser_screenshot', {});
    expect(shot.url).toBe(`${pages.origin}/second.html`);
  });

  it('refuses file:, chrome:, view-source:, data: and other local URLs before anything opens', async () => {
    for (const url of ['file:///etc/passwd', 'chrome://settings', 'view-source:http://127.0.0.1/', 'data:text/html,<b>x</b>', 'about:config', 'javascript:alert(1)', 'chrome-extension://x/y.html']) {
      const refused = await call('browser_navigate', { url });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('URLs are refused') } });
    }
    expect(await ok<NavigateResult>('browser_navigate', { url: 'about:blank' })).toMatchObject({ url: 'about:blank', text: '' });
  });

  it('keeps a page’s script away from file: (fetch, XHR, a frame, window.open, location)', async () => {
    const evil = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/evil.html` });
    const settled = await ok<ActionResult>('browser_wait', { text: 'xhr failed' });
    expect(settled.url).toBe(`${pages.origin}/evil.html`);
    const read = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/evil.html` });
    for (const text of [evil.text, read.text]) expect(text).not.toMatch(/root:|read /);
    expect(read.text).toMatch(/fetch failed/);
    expect(read.text).toMatch(/xhr failed/);
    expect(read.text).toMatch(/window (refused|threw)/);
  });

  it('gives each task its own context: cookies set in one are not seen in another', async () => {
    await ok('browser_navigate', { url: `${pages.origin}/cookie/set?v=alpha` }, { taskId: 'task-a' });
    await ok('browser_navigate', { url: `${pages.origin}/cookie/set?v=beta` }, { taskId: 'task-b' });
    expect((await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/cookie/show` }, { taskId: 'task-a' })).text).toContain('cookie is alpha');
    expect((await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/cookie/show` }, { taskId: 'task-b' })).text).toContain('cookie is beta');
    expect((await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/cookie/show` }, { taskId: 'task-c' })).text).toContain('cookie is none');
  });

  it('saves downloads in the workspace’s downloads folder, never over a file that is there', async () => {
    const first = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/download` });
    const second = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/download` });
    expect(first.downloads).toEqual([{ path: join(ws, 'downloads', 'report.txt'), name: 'report.txt' }]);
    expect(second.downloads).toEqual([{ path: join(ws, 'downloads', 'report (2).txt'), name: 'report (2).txt' }]);
    expect(readFileSync(join(ws, 'downloads', 'report.txt'), 'utf8')).toBe('downloaded report body\n');
    expect(first.notes.at(-1)).toMatch(/is a download, not a page: saved as .*report\.txt\.$/);
  });

  it('saves a screenshot as a PNG under the data folder and returns the shared image shape', async () => {
    await ok('browser_navigate', { url: `${pages.origin}/page.html` });
    const shot = await ok<ScreenshotResult>('browser_screenshot', {});
    expect(imageOutputOf(shot)).toEqual({ path: shot.path, mimeType: 'image/png', width: 1280, height: 800 });
    expect(shot.path.startsWith(join(app.home, 'screenshots', 'browser'))).toBe(true);
    expect(readFileSync(shot.path).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const full = await ok<ScreenshotResult>('browser_screenshot', { full_page: true });
    expect(full.height).toBeGreaterThanOrEqual(800);
  });
});

describe('private network addresses', () => {
  it('one-off calls and tasks under ask reach the address navigated to, not other private origins its pages reach for', async () => {
    const probe = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/probe.html` });
    const waited = await ok<ActionResult>('browser_wait', { text: 'probe blocked' });
    expect(waited.blocked.concat(probe.blocked).join('\n')).toMatch(/localhost:\d+\/secret\.txt: localhost:\d+ is a private network address/);
    expect(pages.hits).not.toContain('other:/secret.txt');

    const task = app.tasks.create({ goal: 'Probe under ask', workspacePath: ws, profile: 'ask' }, 'test');
    let asked = 0;
    const approve = async () => (asked += 1) > 0;
    await ok('browser_navigate', { url: `${pages.origin}/probe.html` }, { taskId: task.id, profile: 'ask', approve });
    expect(asked).toBe(1);
    await ok('browser_wait', { text: 'probe blocked' }, { taskId: task.id, profile: 'ask' });
    expect(await call('browser_navigate', { url: `${pages.origin}/page.html` }, { taskId: task.id, profile: 'ask', approve: async () => false })).toMatchObject({ ok: false, status: 'denied' });
  });

  it('a task under the yes profile reaches any private address', async () => {
    const task = app.tasks.create({ goal: 'Probe under yes', workspacePath: ws, profile: 'yes' }, 'test');
    await ok('browser_navigate', { url: `${pages.origin}/probe.html` }, { taskId: task.id });
    await ok('browser_wait', { text: 'probe read: SECRET-FROM-PRIVATE-ORIGIN' }, { taskId: task.id });
    expect(pages.hits).toContain('other:/secret.txt');
  });

  it('read-only refuses every network tool', async () => {
    expect(await call('browser_navigate', { url: `${pages.origin}/page.html` }, { profile: 'read-only' })).toMatchObject({ ok: false, status: 'denied' });
  });
});

describe('the Browser page’s side', () => {
  it('lists sessions with their action log, streams frames while watched, and lets the user take over and hand back', async () => {
    const task = app.tasks.create({ goal: 'Watch me browse', workspacePath: ws, profile: 'yes' }, 'test');
    await ok('browser_navigate', { url: `${pages.origin}/animated.html` }, { taskId: task.id });
    const sessions = await dispatch<{ id: string; label: string; mode: string; open: boolean }[]>('browser.sessions', {});
    expect(sessions.find((s) => s.id === task.id)).toMatchObject({ label: 'Watch me browse', mode: 'agent', open: true });

    const frame = nextEvent<BrowserFrame>('browser.frame', (f) => f.sessionId === task.id);
    expect(await dispatch('browser.watch', { sessionId: task.id })).toEqual({ watching: true });
    const first = await frame;
    expect(Buffer.from(first.data, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(first).toMatchObject({ width: 1280, height: 800 });

    // Taken over: the agent's next action waits, and the user's input reaches the page.
    await dispatch('browser.takeOver', { sessionId: task.id });
    await expect(dispatch('browser.input', { sessionId: 'nope', event: { kind: 'key', key: 'End' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const waiting = nextEvent<BrowserLogEvent>('browser.log', (e) => e.sessionId === task.id && e.entry.action === 'navigate' && e.entry.status === 'waiting');
    const held = call<NavigateResult>('browser_navigate', { url: `${pages.origin}/form.html` }, { taskId: task.id });
    await waiting;
    await dispatch('browser.input', { sessionId: task.id, event: { kind: 'click', x: 10, y: 10 } });
    const moved = await dispatch<{ url: string }>('browser.input', { sessionId: task.id, event: { kind: 'key', key: 'Control+a' } });
    expect(moved.url).toBe(`${pages.origin}/animated.html`);
    await dispatch('browser.handBack', { sessionId: task.id });
    expect(await held).toMatchObject({ ok: true, output: { url: `${pages.origin}/form.html` } });
    await expect(dispatch('browser.input', { sessionId: task.id, event: { kind: 'key', key: 'Enter' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const detail = await dispatch<{ log: { by: string; action: string; status: string }[] }>('browser.session', { sessionId: task.id });
    expect(detail.log.map((e) => `${e.by}:${e.action}:${e.status}`)).toEqual(['agent:navigate:done', 'user:take-over:done', 'agent:navigate:done', 'user:hand-back:done']);
    expect(app.audit.list({ page: 1, pageSize: 50, action: 'browser.take-over' }).entries[0]).toMatchObject({ actor: expect.any(String), target: task.id });
    await dispatch('browser.unwatch', { sessionId: task.id });
  });

  it('Stop cancels the action in flight and refuses the next ones until the user lets the agent continue', async () => {
    const task = app.tasks.create({ goal: 'Stop me', workspacePath: ws, profile: 'yes' }, 'test');
    await ok('browser_navigate', { url: `${pages.origin}/page.html` }, { taskId: task.id });
    const running = nextEvent<BrowserLogEvent>('browser.log', (e) => e.sessionId === task.id && e.entry.action === 'wait' && e.entry.status === 'running');
    const waiting = call('browser_wait', { text: 'never on this page', timeout_ms: 60_000 }, { taskId: task.id });
    await running;
    const stopped = await dispatch<{ mode: string; open: boolean }>('browser.stop', { sessionId: task.id });
    expect(stopped).toMatchObject({ mode: 'stopped', open: false });
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: 'The user stopped this browser on the Browser page.' } });
    expect(await call('browser_navigate', { url: `${pages.origin}/page.html` }, { taskId: task.id })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await dispatch('browser.handBack', { sessionId: task.id });
    expect(await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/page.html` }, { taskId: task.id })).toMatchObject({ title: 'Aura test page' });
  });
});

describe('a browser worker killed mid-action', () => {
  it('fails the call with WORKER_CRASHED; the next call starts a new worker and works, saying the old pages are gone', async () => {
    const task = app.tasks.create({ goal: 'Crash me', workspacePath: ws, profile: 'yes' }, 'test');
    await ok('browser_navigate', { url: `${pages.origin}/page.html` }, { taskId: task.id });
    const pid = app.browser.workerPid;
    expect(pid).toEqual(expect.any(Number));
    const running = nextEvent<BrowserLogEvent>('browser.log', (e) => e.sessionId === task.id && e.entry.action === 'wait' && e.entry.status === 'running');
    const waiting = call('browser_wait', { text: 'never on this page', timeout_ms: 60_000 }, { taskId: task.id });
    await running;
    process.kill(pid!, 'SIGKILL');
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'WORKER_CRASHED', message: expect.stringContaining('The browser worker was killed (SIGKILL)') } });

    // An action needs the page the crash took: it says so.
    expect(await call('browser_click', { role: 'link', name: 'the second page' }, { taskId: task.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('browser worker stopped') } });
    const again = await ok<NavigateResult>('browser_navigate', { url: `${pages.origin}/page.html` }, { taskId: task.id });
    expect(again.text).toContain('PELICAN-42');
    expect(again.notes).toContain('The browser worker had stopped, so this browser started afresh: the pages, cookies and logins of earlier calls are gone.');
    expect(app.browser.workerPid).not.toBe(pid);
    expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z')).toBe(false);
  });
});
