import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { eventually } from '../support/eventually';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { tempDir } from '../support/temp-app';

jest.setTimeout(120_000);

// The host runs with a home of its own holding a fake SSH key: the terminal's sandbox must not show it.
const base = tempDir('aura-e2e-terminal-');
const home = join(base, 'home');
const data = join(base, 'data');
const workspace = join(base, 'project');
const FAKE_KEY = '-----BEGIN OPENSSH PRIVATE KEY----- fake-key-for-the-terminal-test';
const npmStart = ['npm', 'start', '--silent'];
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let workspaceId: string;

beforeAll(async () => {
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_rsa'), FAKE_KEY);
  mkdirSync(workspace);
  [browser, llm, host] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(), launchHost({ AURA_HOME: data, HOME: home }, npmStart)]);
  workspaceId = (await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace })).id;
  await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: workspaceId });
});
afterAll(async () => {
  await host?.stop();
  await llm?.stop();
  await browser?.close();
});

/** A page that records every CSP violation, from the first script on. */
async function openPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Page code, as text: this file is compiled without the DOM's types.
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
  });
  await page.goto(host.url);
  return page;
}

const violations = (page: Page) => page.evaluate<string[]>('window.cspViolations');
/** A computed style of the last cell holding `text` (or of the first cell). */
const computed = (page: Page, text: string | null, property: string) =>
  page.evaluate<string>(`(() => {
    const cells = [...document.querySelectorAll('.xterm-rows span')].filter((cell) => cell.textContent.includes(${JSON.stringify(text ?? '')}));
    return getComputedStyle(cells[${text === null ? '0' : 'cells.length - 1'}]).${property};
  })()`);
/** What the terminal shows: the rows of xterm's DOM renderer. */
const screenText = (page: Page) => page.locator('[data-testid="terminal-screen"] .xterm-rows').innerText();

async function waitForScreen(page: Page, pattern: RegExp): Promise<string> {
  const text = await eventually(() => screenText(page), (shown) => pattern.test(shown.replace(/\u00a0/g, ' ')), 20_000);
  expect(text.replace(/\u00a0/g, ' ')).toMatch(pattern);
  return text;
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function openTerminal(page: Page): Promise<void> {
  await page.getByTestId('nav-terminal').click();
  await page.locator('[data-testid="terminal-status"][data-status="open"]').waitFor();
  await waitForScreen(page, /\(sandbox\)/);
  await page.getByTestId('terminal-screen').click();
}

describe('the Terminal page in Chromium', () => {
  it('runs commands in the workspace’s sandbox, keeps keys out of reach, re-attaches after a reload, under the strict CSP', async () => {
    const page = await openPage();
    await openTerminal(page);
    expect(await page.getByTestId('terminal-sandbox-note').getAttribute('data-network')).toBe('off');
    expect(await page.getByTestId('terminal-network').getAttribute('data-network')).toBe('off');

    await typeLine(page, 'echo hi > made.txt');
    await typeLine(page, 'cat made.txt; echo "made:$((6*7))"');
    await waitForScreen(page, /\nhi\n[\s\S]*made:42/);
    expect(readFileSync(join(workspace, 'made.txt'), 'utf8')).toBe('hi\n');

    await typeLine(page, 'cat ~/.ssh/id_rsa; echo "key:$?"');
    await waitForScreen(page, /No such file or directory[\s\S]*key:1/);
    expect(await screenText(page)).not.toContain('fake-key');

    // 24-bit colour: xterm styles such cells inline, which the CSP allows only through the CSSOM.
    await typeLine(page, "printf '\\e[38;2;255;0;0mtrue-colour-%s\\e[0m\\n' $((6*7))");
    await waitForScreen(page, /true-colour-42/);
    expect(await computed(page, 'true-colour-42', 'color')).toBe('rgb(255, 0, 0)');
    // xterm's own stylesheet and the rules it makes at run time apply: rows are laid out as cells.
    expect(await computed(page, null, 'display')).toBe('inline-block');

    await page.reload();
    await page.locator('[data-testid="terminal-status"][data-status="open"]').waitFor();
    expect(await page.getByTestId('terminal-status').innerText()).toMatch(/running shell/);
    await waitForScreen(page, /made:42[\s\S]*key:1[\s\S]*true-colour-42/);
    await page.getByTestId('terminal-screen').click();
    await typeLine(page, 'echo "after-reload:$((6*7))"');
    await waitForScreen(page, /after-reload:42/);

    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('shows the agent’s shell commands in the open terminal as they run', async () => {
    const page = await openPage();
    await openTerminal(page);
    const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
    await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [model] } });
    await llm.script(
      { text: JSON.stringify({ steps: [{ title: 'Count files', detail: 'Run a command in the workspace.' }] }) },
      { toolCalls: [{ name: 'shell', args: { command: 'ls made.txt && echo "from-agent:$((6*7))"' } }] },
      { text: 'The command printed from-agent:42.' },
      { text: JSON.stringify({ verdict: 'pass', reasons: [] }) },
    );
    const task = await hostRpc<{ id: string }>(host, 'tasks.create', { goal: 'Run a command', workspaceId, profile: 'yes' });
    await waitForScreen(page, /── agent ── \$ ls made\.txt && echo "from-agent:\$\(\(6\*7\)\)"\s*made\.txt\s*from-agent:42\s*── exit 0 ──/);
    const done = await eventually(
      () => hostRpc<{ task: { status: string } }>(host, 'tasks.get', { id: task.id }),
      (overview) => overview.task.status === 'done',
      30_000,
    );
    expect(done.task.status).toBe('done');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('shows the sandbox ready and Chromium found in Readiness; the VM tab saves the network policy, time limit and folders', async () => {
    const page = await openPage();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-readiness').click();
    const sandbox = page.getByTestId('readiness-sandbox');
    await sandbox.waitFor();
    expect(await sandbox.getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('readiness-chromium').getAttribute('data-state')).toBe('ready');
    expect(await page.getByTestId('readiness-chromium-detail').innerText()).toMatch(/\/chromium/);
    for (const id of ['display', 'localModel']) await page.getByTestId(`readiness-${id}`).waitFor();
    if ((await page.getByTestId('readiness-display').getAttribute('data-state')) === 'missing') {
      expect(await page.getByTestId('readiness-display-fix').innerText()).toMatch(/Xvfb|DISPLAY/);
    }

    await page.getByTestId('settings-tab-vm').click();
    await page.locator('[data-testid="vm-status"][data-sandbox="bubblewrap"]').waitFor();
    const network = page.getByTestId('vm-network');
    expect(await network.isChecked()).toBe(false);
    await network.click();
    await page.locator('[data-testid="vm-network"][data-value="on"]').waitFor();
    expect((await hostRpc<{ vmNetwork: string }>(host, 'settings.getAll', {})).vmNetwork).toBe('on');

    await page.getByTestId('vm-timeout').fill('nonsense');
    await page.getByTestId('vm-timeout-save').click();
    expect(await page.getByTestId('vm-timeout').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('vm-timeout').fill('45');
    await page.getByTestId('vm-timeout-save').click();
    expect(await eventually(async () => (await hostRpc<{ vmTimeoutMs: number }>(host, 'settings.getAll', {})).vmTimeoutMs, (ms) => ms === 45_000)).toBe(45_000);

    const cache = join(base, 'build-cache');
    mkdirSync(cache);
    await page.getByTestId('vm-writable-input').fill('relative/path');
    await page.getByTestId('vm-writable-add').click();
    expect(await page.getByTestId('vm-writable-input').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('vm-writable-input').fill(cache);
    await page.getByTestId('vm-writable-add').click();
    await page.getByTestId('vm-writable-row').filter({ hasText: cache }).waitFor();
    expect((await hostRpc<{ vmExtraWritable: string[] }>(host, 'settings.getAll', {})).vmExtraWritable).toEqual([cache]);

    // Persisted: a fresh page shows what the host holds.
    await page.reload();
    await page.locator('[data-testid="vm-network"][data-value="on"]').waitFor();
    expect(await page.getByTestId('vm-network').isChecked()).toBe(true);
    expect(await page.getByTestId('vm-timeout').inputValue()).toBe('45');
    await page.getByTestId('vm-writable-remove').click();
    await page.getByTestId('vm-writable-row').waitFor({ state: 'detached' });
    expect((await hostRpc<{ vmExtraWritable: string[] }>(host, 'settings.getAll', {})).vmExtraWritable).toEqual([]);

    // The running terminal keeps the sandbox it started with, and says a restart applies the change.
    await page.getByTestId('nav-terminal').click();
    await page.locator('[data-testid="terminal-status"][data-status="open"]').waitFor();
    expect(await page.getByTestId('terminal-network').getAttribute('data-network')).toBe('off');
    expect(await page.getByTestId('terminal-sandbox-note').getAttribute('data-network')).toBe('on');
    await page.getByTestId('terminal-restart').click();
    await page.locator('[data-testid="terminal-network"][data-network="on"]').waitFor();
    expect(existsSync(join(workspace, 'made.txt'))).toBe(true);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
