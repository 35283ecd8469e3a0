import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserPages, type BrowserPages } from '../support/browser-pages';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { eventually } from '../support/eventually';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { tempDir } from '../support/temp-app';

jest.setTimeout(180_000);

// The Browser page in Chromium, against `npm start`: a task opens a page and acts on it while the page
// shows it live with its action log; the user takes the page over (their clicks and keys reach it, the
// agent's next action waits), hands it back, and stops it.
const base = tempDir('aura-e2e-browser-');
const data = join(base, 'data');
const workspace = join(base, 'project');
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let pages: BrowserPages;
let workspaceId: string;

beforeAll(async () => {
  mkdirSync(workspace);
  [browser, llm, host, pages] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(), launchHost({ AURA_HOME: data }, ['npm', 'start', '--silent']), startBrowserPages()]);
  workspaceId = (await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace })).id;
  await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: workspaceId });
  await hostRpc(host, 'settings.set', { key: 'chromiumPath', value: CHROMIUM_PATH });
});
afterAll(async () => {
  await host?.stop();
  await llm?.stop();
  await pages?.close();
  await browser?.close();
});

async function openBrowserPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  await page.goto(host.url);
  await page.getByTestId('nav-browser').click();
  await page.getByTestId('browser-page').waitFor();
  return page;
}

const violations = (page: Page) => page.evaluate<string[]>('window.cspViolations');
/** The live view's frame number: it grows with each frame shown. */
const frameSeq = async (page: Page) => Number((await page.getByTestId('browser-live-image').getAttribute('data-seq')) ?? -1);
const logEntry = (page: Page, action: string, status: string) => page.locator(`[data-testid="browser-log-entry"][data-action="${action}"][data-status="${status}"]`);
/** A browser tool called as `aura tools call` does: the workspace's session, allowed up front. */
const tool = <T>(name: string, input: unknown) => hostRpc<{ output: T }>(host, 'tools.call', { name, input, workspacePath: workspace, approved: true });

describe('the Browser page in Chromium', () => {
  it('shows a task’s browser live while the agent opens a page, reads it and acts on it', async () => {
    const page = await openBrowserPage();
    await page.getByTestId('browser-empty').waitFor();
    const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
    await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [model] } });
    await llm.script(
      { text: JSON.stringify({ steps: [{ title: 'Read the page', detail: 'Open it and follow its link.' }] }) },
      { toolCalls: [{ name: 'browser_navigate', args: { url: `${pages.origin}/page.html` } }] },
      { toolCalls: [{ name: 'browser_click', args: { role: 'link', name: 'the second page' } }] },
      { text: 'The second page says OSPREY-7.' },
      { text: JSON.stringify({ verdict: 'pass', reasons: [] }) },
    );
    const task = await hostRpc<{ id: string }>(host, 'tasks.create', { goal: 'Read the test page', workspaceId, profile: 'yes' });
    const done = await eventually(
      () => hostRpc<{ task: { status: string } }>(host, 'tasks.get', { id: task.id }),
      (overview) => ['done', 'failed'].includes(overview.task.status),
      60_000,
    );
    expect(done.task.status).toBe('done');

    // The task's session: its goal, where it ended, the log of what it did.
    await page.getByTestId('browser-url').filter({ hasText: '/second.html' }).waitFor();
    await logEntry(page, 'navigate', 'done').waitFor();
    await logEntry(page, 'click', 'done').waitFor();
    expect(await page.getByTestId('browser-log-entry').filter({ hasText: 'link "the second page"' }).count()).toBe(1);
    // The task ended, so its browser closed: the page says so.
    await page.getByTestId('browser-closed').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('takes the page over (the user’s keys reach it, the agent waits), hands it back, and stops it', async () => {
    await tool('browser_navigate', { url: `${pages.origin}/form.html` });
    const page = await openBrowserPage();
    // Several sessions now: the newest open one, the workspace's, is shown.
    await page.getByTestId('browser-url').filter({ hasText: '/form.html' }).waitFor();
    const image = page.getByTestId('browser-live-image');
    await image.waitFor();
    const first = await frameSeq(page);

    await page.getByTestId('browser-takeOver').click();
    await page.locator('[data-testid="browser-page"][data-mode="user"]').waitFor();
    await page.locator('[data-testid="browser-live-image"][data-taken-over="true"]').waitFor();
    await logEntry(page, 'take-over', 'done').waitFor();

    // Click on the live view, Tab to the first field and type: the keys reach the agent's page.
    const box = (await image.boundingBox())!;
    await image.click({ position: { x: box.width - 20, y: box.height - 20 } });
    await page.keyboard.press('Tab');
    await page.keyboard.type('Grace');
    // The frame changes as the field fills.
    expect(await eventually(() => frameSeq(page), (seq) => seq > first, 20_000)).toBeGreaterThan(first);

    // The agent's click waits while the user holds the page…
    const held = tool<{ newText: string }>('browser_click', { role: 'button', name: 'Send order' });
    await logEntry(page, 'click', 'waiting').waitFor();
    // The session's busy flag comes in its own event, after the log entry's.
    await page.locator('[data-testid="browser-page"][data-busy="true"]').waitFor();
    // …and runs once it is handed back, on the form the user filled in.
    await page.getByTestId('browser-handBack').click();
    expect((await held).output.newText).toBe('Thanks, Grace! Red.');
    await logEntry(page, 'hand-back', 'done').waitFor();
    await page.locator('[data-testid="browser-page"][data-mode="agent"]').waitFor();

    // Stop: the action in flight is cancelled, the next refused, until the user lets the agent continue.
    const waiting = tool('browser_wait', { text: 'never on this page', timeout_ms: 60_000 }).then(
      () => 'finished',
      (err: Error) => err.message,
    );
    await logEntry(page, 'wait', 'running').waitFor();
    await page.getByTestId('browser-stop').click();
    expect(await waiting).toBe('tools.call: The user stopped this browser on the Browser page.');
    await page.locator('[data-testid="browser-page"][data-mode="stopped"]').waitFor();
    await page.getByTestId('browser-closed').waitFor();
    await expect(tool('browser_navigate', { url: `${pages.origin}/page.html` })).rejects.toThrow('The user stopped this browser');
    await page.getByTestId('browser-handBack').click();
    await page.locator('[data-testid="browser-page"][data-mode="agent"]').waitFor();
    await tool('browser_navigate', { url: `${pages.origin}/page.html` });
    await page.getByTestId('browser-live-image').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
