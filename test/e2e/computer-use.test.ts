import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { eventually } from '../support/eventually';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { decodePng } from '../support/png';
import { tempDir } from '../support/temp-app';
import { startXvfb, type VirtualDisplay } from '../support/xvfb';

jest.setTimeout(120_000);

// The app runs as `npm start` does, on a virtual display of its own; Chromium (headless) shows its page.
const home = tempDir('aura-e2e-computer-');
const workspace = join(home, 'project');
const npmStart = ['npm', 'start', '--silent'];
const WIDTH = 1024;
const HEIGHT = 768;
const plan = (title: string) => ({ text: JSON.stringify({ steps: [{ title, detail: `${title}.` }] }) });
const PASS = { text: '{"verdict":"pass","reasons":[]}' };
let x: VirtualDisplay;
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let workspaceId: string;

beforeAll(async () => {
  mkdirSync(workspace);
  x = await startXvfb({ width: WIDTH, height: HEIGHT });
  [browser, llm, host] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(), launchHost({ AURA_HOME: join(home, 'data'), DISPLAY: x.display }, npmStart)]);
  const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
  await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [model] } });
  workspaceId = (await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace })).id;
  await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: workspaceId });
});
beforeEach(() => llm.reset());
afterAll(async () => {
  await host?.stop();
  await llm?.stop();
  await browser?.close();
  await x?.close();
});

/** A page that records every CSP violation, from the first script on. */
async function openPage(hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  await page.goto(`${host.url}${hash}`);
  return page;
}
const violations = (page: Page) => page.evaluate<string[]>('window.cspViolations');
/** An <img>'s source and the size its PNG decoded to in the page. */
const imageFacts = (page: Page, testId: string) =>
  page.getByTestId(testId).first().evaluate((img) => {
    const image = img as unknown as { src: string; naturalWidth: number; naturalHeight: number; complete: boolean };
    return { scheme: image.src.slice(0, 22), width: image.naturalWidth, height: image.naturalHeight, complete: image.complete };
  });

describe('the Computer Use page in Chromium', () => {
  it('shows the live screen as PNG data, refreshed, and what each action did with its screenshot', async () => {
    const page = await openPage();
    await page.getByTestId('nav-computer-use').click();
    const live = page.getByTestId('computer-live');
    await live.waitFor();
    expect(await imageFacts(page, 'computer-live-image')).toEqual({ scheme: 'data:image/png;base64,', width: WIDTH, height: HEIGHT, complete: true });
    // Refreshed: a later frame replaces the first.
    const first = await live.getAttribute('data-at');
    await page.locator(`[data-testid="computer-live"]:not([data-at="${first}"])`).waitFor({ timeout: 15_000 });

    // An action taken outside the page (as `aura tools call` does) shows up in the log as it happens.
    await hostRpc(host, 'tools.call', { name: 'computer_click', input: { x: 200, y: 150 }, workspacePath: workspace, approved: true });
    const row = page.locator('[data-testid="computer-action"][data-tool="computer_click"][data-status="done"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('(200, 150)');
    await row.getByTestId('computer-action-shot-toggle').click();
    await row.getByTestId('computer-action-image').waitFor();
    expect(await imageFacts(page, 'computer-action-image')).toEqual({ scheme: 'data:image/png;base64,', width: WIDTH, height: HEIGHT, complete: true });
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('asks before a task’s click, showing the screenshot with the target marked, and runs it once approved', async () => {
    await llm.script(plan('Click the screen'), { toolCalls: [{ name: 'computer_click', args: { x: 300, y: 200 } }] }, { text: 'Clicked.' }, PASS);
    const task = await hostRpc<{ id: string }>(host, 'tasks.create', { goal: 'Click the middle of the screen', workspaceId, profile: 'ask' });
    const page = await openPage(`#/tasks/${task.id}`);
    const card = page.locator('[data-testid="tool-card"][data-tool="computer_click"][data-status="waiting_approval"]');
    await card.waitFor({ timeout: 30_000 });
    await card.getByTestId('approval-screenshot').waitFor();
    expect(await card.getByTestId('approval-action').textContent()).toBe('Action: Click the left button at (300, 200)');
    // And a crop around the target at the screen's own pixels, where the ring is plain to see.
    await card.getByTestId('approval-zoom').waitFor();
    expect(await imageFacts(page, 'approval-screenshot')).toEqual({ scheme: 'data:image/png;base64,', width: WIDTH, height: HEIGHT, complete: true });
    // The marker is drawn on the picture the user decides on: red at the ring around (300, 200).
    const src = (await page.getByTestId('approval-screenshot').getAttribute('src')) ?? '';
    const marked = decodePng(Buffer.from(src.replace('data:image/png;base64,', ''), 'base64'));
    const at = (317 + 200 * marked.width) * 3;
    const red = Array.from(marked.rgb.subarray(at, at + 3));
    expect(red).toEqual([0xe5, 0x1c, 0x23]);
    await card.getByTestId('approval-approve').click();
    await eventually(() => hostRpc<{ task: { status: string } }>(host, 'tasks.get', { id: task.id }), (detail) => detail.task.status === 'done', 30_000);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('Stop ends the running action and the task driving the screen', async () => {
    await llm.script(plan('Type a lot'), { toolCalls: [{ name: 'computer_type', args: { text: 'z'.repeat(2000) } }] }, { text: 'Typed.' }, PASS);
    const page = await openPage('#/computer-use');
    const task = await hostRpc<{ id: string }>(host, 'tasks.create', { goal: 'Type a long text', workspaceId, profile: 'yes' });
    await page.locator('[data-testid="computer-action"][data-tool="computer_type"][data-status="running"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('computer-stop').click();
    await page.getByTestId('computer-stopped').waitFor();
    expect(await page.getByTestId('computer-stopped').innerText()).toMatch(/Actions cancelled: 1\. Tasks cancelled: 1\./);
    await page.locator('[data-testid="computer-action"][data-tool="computer_type"][data-status="failed"]').waitFor();
    const detail = await eventually(() => hostRpc<{ task: { status: string } }>(host, 'tasks.get', { id: task.id }), (d) => d.task.status === 'cancelled', 30_000);
    expect(detail.task.status).toBe('cancelled');
    await page.close();
  });

  it('uses the display chosen in Settings → Readiness, and says what to do when nothing answers there', async () => {
    const page = await openPage('#/settings/readiness');
    const field = page.getByTestId('readiness-computer-display');
    await field.fill('not a display');
    await page.getByTestId('readiness-computer-display-save').click();
    await page.locator('[data-testid="readiness-display"] [aria-invalid="true"]').waitFor();
    await field.fill(':4242');
    await page.getByTestId('readiness-computer-display-save').click();
    await page.locator('[data-testid="readiness-display-fix"]', { hasText: 'Xvfb :4242' }).waitFor();
    await page.getByTestId('nav-computer-use').click();
    const unavailable = page.getByTestId('computer-unavailable');
    await unavailable.waitFor();
    expect(await unavailable.innerText()).toContain('No X server answers on display :4242');
    // Back to the display the app started with.
    await page.goto(`${host.url}#/settings/readiness`);
    await page.getByTestId('readiness-computer-display').fill('');
    await page.getByTestId('readiness-computer-display-save').click();
    await page.locator('[data-testid="readiness-display"][data-state="ready"]').waitFor();
    await page.getByTestId('nav-computer-use').click();
    await page.getByTestId('computer-live-image').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
