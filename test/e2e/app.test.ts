import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { eventually } from '../support/eventually';
import { rawRequest } from '../support/http';
import { launchHost, REPO_ROOT, type LaunchedHost } from '../support/launch-host';
import { tempDir } from '../support/temp-app';

jest.setTimeout(90_000);

const home = tempDir('aura-e2e-');
const npmStart = ['npm', 'start', '--silent'];
let browser: Browser;
let host: LaunchedHost;
let page: Page;

const html = (attribute: string) => page.locator('html').getAttribute(attribute);
const go = async (testId: string) => page.getByTestId(testId).click();
const connectionState = (target: Page) => target.getByTestId('connection-status').locator('xpath=ancestor::*[@data-state][1]').getAttribute('data-state');

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  host = await launchHost({ AURA_HOME: home }, npmStart);
});
afterAll(async () => {
  await host?.stop();
  await browser?.close();
});
beforeEach(async () => {
  page = await browser.newPage();
});
afterEach(async () => {
  await page.close();
});

describe('Aura Work in Chromium (headless host as npm start runs it)', () => {
  it('opens the shell: 14 pages and settings, unbuilt ones visibly disabled, token removed from the address bar', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-dashboard').waitFor();
    expect(await eventually(() => connectionState(page), (v) => v === 'open')).toBe('open');
    expect(page.url()).not.toContain('token=');
    // First run: no model set yet, so the Dashboard looks for local servers and keys and says what it found.
    const firstRun = page.getByTestId('first-run-models');
    await firstRun.locator('[data-testid="detected-none"], [data-testid="detected-provider"]').first().waitFor();
    const ids = ['dashboard', 'tasks', 'files', 'git', 'terminal', 'providers', 'plugins', 'browser', 'computer-use', 'scheduled-tasks', 'memory', 'audit-log', 'cloud', 'extensions', 'settings'];
    for (const id of ids) await expect(page.getByTestId(`nav-${id}`).count()).resolves.toBe(1);
    for (const id of ['files', 'git', 'cloud']) expect(await page.getByTestId(`nav-${id}`).getAttribute('aria-disabled')).toBe('true');
    for (const id of ['dashboard', 'tasks', 'terminal', 'providers', 'audit-log', 'extensions', 'settings']) expect(await page.getByTestId(`nav-${id}`).getAttribute('aria-disabled')).not.toBe('true');
    await go('nav-settings');
    for (const id of ['cloud', 'pet', 'local-model']) {
      expect(await page.getByTestId(`settings-tab-${id}`).getAttribute('aria-disabled')).toBe('true');
    }
    for (const id of ['general', 'vault', 'approvals', 'extension']) expect(await page.getByTestId(`settings-tab-${id}`).getAttribute('href')).toBe(`#/settings/${id}`);
  });

  it('switches theme and language live, mirrors the layout in Arabic, and keeps them after a restart', async () => {
    await page.goto(host.url);
    await go('nav-settings');
    await go('settings-tab-general');
    await page.getByTestId('setting-theme').selectOption('dark');
    expect(await eventually(() => html('data-theme'), (v) => v === 'dark')).toBe('dark');
    await page.getByTestId('setting-theme').selectOption('high-contrast');
    expect(await eventually(() => html('data-theme'), (v) => v === 'high-contrast')).toBe('high-contrast');

    const sidebarX = async () => (await page.getByTestId('nav-dashboard').boundingBox())!.x;
    const ltrX = await sidebarX();
    await page.getByTestId('setting-language').selectOption('ar');
    expect(await eventually(() => html('dir'), (v) => v === 'rtl')).toBe('rtl');
    expect(await html('lang')).toBe('ar');
    const width = page.viewportSize()!.width;
    expect(ltrX).toBeLessThan(width / 2);
    expect(await sidebarX()).toBeGreaterThan(width / 2);

    await page.getByTestId('setting-language').selectOption('fr');
    expect(await eventually(() => html('lang'), (v) => v === 'fr')).toBe('fr');
    expect(await html('dir')).toBe('ltr');

    await host.stop();
    host = await launchHost({ AURA_HOME: home }, npmStart);
    const fresh = await browser.newPage();
    await fresh.goto(host.url);
    await fresh.getByTestId('nav-dashboard').waitFor();
    expect(await eventually(() => fresh.locator('html').getAttribute('data-theme'), (v) => v === 'high-contrast')).toBe('high-contrast');
    expect(await fresh.locator('html').getAttribute('lang')).toBe('fr');
    await fresh.close();
  });

  it('shows a change made with the CLI live, without a reload', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-dashboard').waitFor();
    const before = await html('data-theme');
    execFileSync(process.execPath, ['dist/cli.js', 'settings', 'set', 'theme', before === 'dark' ? 'light' : 'dark'], { cwd: REPO_ROOT, env: { ...process.env, AURA_HOME: home, AURA_IDLE_EXIT_MS: '3000' } });
    const expected = before === 'dark' ? 'light' : 'dark';
    expect(await eventually(() => html('data-theme'), (v) => v === expected)).toBe(expected);
    execFileSync(process.execPath, ['dist/cli.js', 'settings', 'set', 'theme', 'high-contrast'], { cwd: REPO_ROOT, env: { ...process.env, AURA_HOME: home, AURA_IDLE_EXIT_MS: '3000' } });
  });

  it('shows the audit entries and a valid chain that matches `aura audit verify`', async () => {
    await page.goto(host.url);
    await go('nav-audit-log');
    await page.getByTestId('audit-row').first().waitFor();
    const text = (await page.getByTestId('audit-row').allTextContents()).join('\n');
    expect(text).toContain('settings.set');
    expect(text).toContain('host.start');
    await go('audit-verify');
    const verdict = page.getByTestId('audit-verdict');
    await verdict.waitFor();
    const cli = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', 'audit', 'verify', '--json'], { cwd: REPO_ROOT, env: { ...process.env, AURA_HOME: home, AURA_IDLE_EXIT_MS: '3000' } }).toString());
    expect(cli.ok).toBe(true);
    expect(await eventually(() => verdict.textContent(), (v) => (v ?? '').includes(String(cli.count)))).toContain(String(cli.count));
    expect(await verdict.textContent()).toContain(cli.head.slice(0, 16));
    // No vault here: the page says that no signed checkpoint was checked, rather than claiming more.
    expect(await page.getByTestId('audit-checkpoint').getAttribute('data-state')).toBe('none');
    expect(await page.getByTestId('audit-checkpoint').textContent()).toMatch(/No signed checkpoint|Aucun point de contrôle signé|لا توجد نقطة تحقق موقَّعة/);
  });

  it('shows real diagnostics: versions, database health and recent log lines', async () => {
    const english = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/settings.set', headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ key: 'language', value: 'en' }) });
    expect(english.status).toBe(200);
    await page.goto(host.url);
    await go('nav-settings');
    await go('settings-tab-diagnostics');
    expect(await eventually(() => page.getByTestId('diag-sqlite').textContent(), (v) => /\d+\.\d+\.\d+/.test(v ?? ''))).toMatch(/3\.\d+\.\d+/);
    expect(await page.getByTestId('diag-node').textContent()).toContain(process.versions.node);
    expect(await page.getByTestId('diag-integrity').textContent()).toMatch(/^Passed/);
    expect(await page.getByTestId('diag-path-home').textContent()).toContain(home);
    expect(await eventually(() => page.getByTestId('diag-logs').textContent(), (v) => (v ?? '').includes('headless host started'))).toContain('headless host started');
  });

  it('renders hostile names as text: 200 XSS payloads, 0 executions', async () => {
    const payloads = xssPayloads(200);
    for (const [i, name] of payloads.entries()) {
      const dir = join(home, 'xss', String(i));
      mkdirSync(dir, { recursive: true });
      const res = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/workspaces.add', headers: { host: `127.0.0.1:${host.port}`, authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, path: dir }) });
      expect(res.status).toBe(200);
    }
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.goto(host.url);
    await go('nav-dashboard');
    expect(await eventually(() => page.getByTestId('workspace-row').count(), (v) => v === 200)).toBe(200);
    await go('nav-audit-log');
    await page.getByTestId('audit-row').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
  });

  it('refuses a wrong token and a foreign Host', async () => {
    const wrong = host.url.replace(/token=.*/, 'token=wrong');
    await page.goto(wrong);
    // The socket is refused at every attempt; after three the UI says it cannot reach the app.
    expect(await eventually(() => connectionState(page), (v) => v === 'unreachable', 20_000)).toBe('unreachable');
    expect(await page.getByTestId('workspace-row').count()).toBe(0);
    const forged = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/settings.getAll', headers: { host: `127.0.0.1:${host.port}`, authorization: 'Bearer wrong', 'content-type': 'application/json' }, body: '{}' });
    expect(forged.status).toBe(401);
    const rebinding = await rawRequest(host.port, { path: '/', headers: { host: `attacker.example:${host.port}` } });
    expect(rebinding.status).toBe(403);
  });
});

function xssPayloads(count: number): string[] {
  const sinks = [
    '<img src=x onerror="window.__xss=1;alert(1)">',
    '<script>window.__xss=1;alert(1)</script>',
    '"><svg onload="window.__xss=1">',
    "'><iframe src=\"javascript:window.__xss=1\">",
    '<a href="javascript:window.__xss=1">x</a>',
    '<details open ontoggle="window.__xss=1">',
    '<body onload=window.__xss=1>',
    '{{constructor.constructor("window.__xss=1")()}}',
    '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
    '**[x](javascript:window.__xss=1)**',
  ];
  return Array.from({ length: count }, (_, i) => `${sinks[i % sinks.length]} #${i}`.slice(0, 120));
}
