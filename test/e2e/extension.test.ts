import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { eventually } from '../support/eventually';
import { hostRpc } from '../support/host-rpc';
import { launchHost, REPO_ROOT, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { loadScript } from '../support/llm-server';
import { tempDir } from '../support/temp-app';

jest.setTimeout(180_000);

// The built extension (dist/extension) loaded into the real Chromium, against a real headless host and its
// bridge: pair from the popup, approve in the app's Extensions page, send a page, follow and answer the task.

const EXTENSION = join(REPO_ROOT, 'dist', 'extension');
const base = tempDir('aura-e2e-extension-');
const data = join(base, 'data');
const workspace = join(base, 'project');
const FACT = 'The lighthouse keeper counted 4,219 ships in the winter of 1893.';
const SELECTED = 'Fog horns were sounded every ninety seconds.';
const SCRIPT_MARKER = 'page-script-must-not-be-sent';
const ARTICLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The Lighthouse Log</title>
<script>window.marker = '${SCRIPT_MARKER}';</script></head>
<body>
  <nav><a href="/">Home</a> · <a href="/about">About</a></nav>
  <article>
    <h1>The Lighthouse Log</h1>
    <p>${FACT} Each entry in the log gives the ship's name, its flag and the hour it passed the point.</p>
    <p id="selected">${SELECTED}</p>
    <p>The keeper's daughter kept the log after him, and the entries continue in her hand until the light was automated in 1961, when the last keeper left the island for good.</p>
    <h2>Sources</h2>
    <ul><li>The harbour master's letters</li><li>The keeper's own notebooks</li></ul>
  </article>
</body></html>`;

let host: LaunchedHost;
let llm: LlmProcess;
let pages: Server;
let context: BrowserContext;
let extensionId: string;
let articleUrl: string;

function serveArticle(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== '/article') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  mkdirSync(workspace, { recursive: true });
  if (!existsSync(join(EXTENSION, 'manifest.json'))) throw new Error('dist/extension is missing: run npm run build first');
  // The extension's manifest: a strict CSP, and no host beyond the loopback.
  const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8')) as { host_permissions: string[]; content_security_policy: { extension_pages: string } };
  expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  expect(manifest.content_security_policy.extension_pages).toMatch(/^default-src 'none'; script-src 'self';/);

  [host, llm, pages] = await Promise.all([launchHost({ AURA_HOME: data, AURA_BRIDGE_PORT: '0' }), spawnScriptedLlm(), serveArticle()]);
  if (!host.bridgeUrl) throw new Error(`the host printed no bridge address:\n${host.output()}`);
  articleUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/article`;
  const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
  await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [model] } });
  const added = await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace });
  await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: added.id });

  // Extensions load in Chromium's (new) headless mode from a persistent profile.
  context = await chromium.launchPersistentContext(join(base, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
});

afterAll(async () => {
  await context?.close();
  await host?.stop();
  await llm?.stop();
  await new Promise((done) => (pages ? pages.close(done) : done(undefined)));
});

/** The popup page, opened as a tab of its own (as a keyboard user may pin it). */
async function openPopup(): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

const bridgePort = () => new URL(host.bridgeUrl!).port;

describe('Settings → Browser extension', () => {
  it('shows the bridge’s address and makes a script token, shown once, that works on the bridge', async () => {
    const app = context.pages()[0] ?? (await context.newPage());
    await app.goto(host.url);
    await app.getByTestId('nav-settings').click();
    await app.getByTestId('settings-tab-extension').click();
    expect(await app.getByTestId('bridge-url').innerText()).toBe(host.bridgeUrl);
    expect(await app.getByTestId('bridge-status').getAttribute('data-enabled')).toBe('true');
    expect(await app.getByTestId('bridge-enabled').isChecked()).toBe(true);
    // The host starts the bridge as it starts: turned off, it is said to stop at the next start; on again, nothing to say.
    await app.getByTestId('bridge-enabled').click();
    await app.locator('[data-testid="bridge-status"][data-enabled="false"][data-listening="true"]').waitFor();
    await app.getByTestId('bridge-restart-note').waitFor();
    await app.getByTestId('bridge-enabled').click();
    await app.locator('[data-testid="bridge-status"][data-enabled="true"]').waitFor();
    expect(await app.getByTestId('bridge-restart-note').count()).toBe(0);

    await app.getByTestId('token-name').fill('e2e-script');
    await app.getByTestId('token-create').click();
    const token = await app.getByTestId('token-value').inputValue();
    expect(token).toMatch(/^aura_[A-Za-z0-9_-]{43}$/);
    const reply = await fetch(`${host.bridgeUrl}/tasks`, { headers: { authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    // tasks:read only, as chosen: starting a task is refused.
    const refused = await fetch(`${host.bridgeUrl}/tasks`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ goal: 'x' }) });
    expect(refused.status).toBe(403);

    await app.getByTestId('token-done').click();
    expect(await app.content()).not.toContain(token);
    await app.getByTestId('nav-extensions').click();
    await app.locator('[data-testid="client-row"][data-kind="token"][data-name="e2e-script"]').waitFor();
    const row = app.locator('[data-testid="client-row"][data-name="e2e-script"]');
    await row.getByTestId('client-revoke').click();
    await row.getByTestId('client-revoke-confirm').click();
    await app.getByTestId('clients-empty').waitFor();
    expect((await fetch(`${host.bridgeUrl}/tasks`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});

describe('the Chrome extension against the running app', () => {
  it('pairs (approved in the Extensions page), sends the page into a task, follows it, answers its approval; a revoked token and a stopped app are said', async () => {
    const app = context.pages()[0] ?? (await context.newPage());
    await app.goto(host.url);
    await app.getByTestId('nav-extensions').click();
    await app.getByTestId('pairing-empty').waitFor();

    const article = await context.newPage();
    await article.goto(articleUrl);
    const popup = await openPopup();

    // Point the popup at the test's bridge port (under Connection, which opens by itself when nothing
    // answers on the default port); unpaired, it can already tell the app is there.
    if ((await popup.getByTestId('connection').getAttribute('open')) === null) await popup.getByTestId('connection-toggle').click();
    await popup.getByTestId('port').fill(bridgePort());
    await popup.getByTestId('port-save').click();
    await popup.locator('[data-testid="reachable"][data-reachable="true"]').waitFor();
    await popup.getByTestId('pair-start').click();
    const code = popup.locator('[data-testid="pair-code"]:not([hidden])');
    await code.waitFor();
    const shownCode = (await code.innerText()).trim();
    expect(shownCode).toMatch(/^[A-Z0-9]{3}-?[A-Z0-9]{3}$/);

    // The request appears in the app by itself (bridge.changed), with the same code and the extension's origin.
    const request = app.locator(`[data-testid="pairing-request"][data-code="${shownCode}"]`);
    await request.waitFor();
    expect(await request.innerText()).toContain('Chrome extension');
    expect(await request.innerText()).toContain(`chrome-extension://${extensionId}`);
    expect(await request.locator('input[type="checkbox"]:checked').count()).toBe(4);
    await request.getByTestId('pairing-approve').click();
    await app.locator('[data-testid="client-row"][data-kind="extension"][data-name="Chrome extension"]').waitFor();
    await app.getByTestId('pairing-empty').waitFor();

    // The popup collects its token and offers to send.
    await popup.locator('#send:not([hidden])').waitFor();
    expect(await popup.getByTestId('pairing').isHidden()).toBe(true);
    // Page code as text: this file is compiled without the DOM's (or Chrome's) types.
    const stored = (await context.serviceWorkers()[0]!.evaluate('chrome.storage.local.get("aura")')) as { aura?: { pairing?: { status: string; token?: string } } };
    expect(stored.aura?.pairing?.status).toBe('paired');
    expect(stored.aura?.pairing?.token).toMatch(/^aura_/);
    // The popup page itself never sees the token.
    expect(await popup.content()).not.toContain(stored.aura!.pairing!.token!);

    // Send the article: the tab used last before the popup.
    await llm.script(...loadScript('write-file-task'));
    await article.bringToFront();
    await popup.bringToFront();
    await popup.getByTestId('instruction').fill('Create hello.txt containing Hello, Aura');
    await popup.getByTestId('send-page').click();
    await popup.locator('[data-testid="task"]:not([hidden])').waitFor();
    expect(await popup.getByTestId('task-goal').innerText()).toBe('Create hello.txt containing Hello, Aura');

    // The task's approval is asked in the popup; allowing it lets the task finish.
    const approval = popup.getByTestId('approval');
    await approval.waitFor();
    expect(await approval.innerText()).toContain('write');
    expect(existsSync(join(workspace, 'hello.txt'))).toBe(false);
    await approval.getByTestId('approval-allow').click();
    await popup.locator('[data-testid="task-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(readFileSync(join(workspace, 'hello.txt'), 'utf8')).toBe('Hello, Aura\n');
    expect(await popup.getByTestId('task-steps').innerText()).toContain('Write hello.txt');

    // The host has the task, and the planner got the article's readable text as the page, without its script.
    const taskId = await popup.getByTestId('task').getAttribute('data-task-id');
    const listed = await hostRpc<{ tasks: { id: string; goal: string; status: string }[] }>(host, 'tasks.list', {});
    expect(listed.tasks.find((task) => task.id === taskId)).toMatchObject({ goal: 'Create hello.txt containing Hello, Aura', status: 'done' });
    const planner = JSON.stringify((await llm.requests())[0]?.body);
    expect(planner).toContain(`<page url=\\"${articleUrl}\\"`);
    expect(planner).toContain(FACT);
    // Readable text as Markdown (the article's heading and list), without the page's navigation or script.
    expect(planner).toContain('## Sources');
    expect(planner).toMatch(/- +The harbour master's letters/);
    expect(planner).not.toContain('About');
    expect(planner).not.toContain(SCRIPT_MARKER);

    // A selection goes as the selection.
    await llm.reset();
    await article.evaluate(`(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('selected'));
      document.getSelection().removeAllRanges();
      document.getSelection().addRange(range);
    })()`);
    await article.bringToFront();
    await popup.bringToFront();
    const before = (await llm.requests()).length;
    await popup.getByTestId('instruction').fill('Explain the selection');
    await popup.getByTestId('send-selection').click();
    await popup.locator('[data-testid="task-goal"]', { hasText: 'Explain the selection' }).waitFor();
    const requests = await eventually(() => llm.requests(), (list) => list.length > before, 30_000);
    const withSelection = JSON.stringify(requests[before]?.body);
    expect(withSelection).toContain(`<selection>\\n${SELECTED}`);

    // Revoked in the app: the popup says so on its next call, and offers to pair again.
    const row = app.locator('[data-testid="client-row"][data-name="Chrome extension"]');
    await row.getByTestId('client-revoke').click();
    await row.getByTestId('client-revoke-confirm').click();
    await app.getByTestId('clients-empty').waitFor();
    await popup.getByTestId('task-refresh').click();
    await popup.locator('[data-testid="pairing"][data-status="failed"]').waitFor();
    expect(await popup.getByTestId('pairing').innerText()).toContain('its access was revoked');
    expect(await popup.getByTestId('pair-start').innerText()).toBe('Pair again');

    // The app stopped: the popup says it is not running, on which port.
    await host.stop();
    await popup.reload();
    await popup.locator('[data-testid="problem"][data-kind="unreachable"]').waitFor();
    expect(await popup.getByTestId('problem').innerText()).toContain(`Aura Work is not running on port ${bridgePort()}.`);
  });
});
