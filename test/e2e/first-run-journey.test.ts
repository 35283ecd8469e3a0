import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { aura, filesUnder } from '../support/aura-cli';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { tempDir } from '../support/temp-app';

/*
 * Issue 12's "done when", as a new user does it in the window: create a vault, add an OpenAI-compatible account
 * once for all roles, test it, run a task under "Ask every time" and approve its write from the diff; then no
 * file of the data folder holds the key, and cutting the audit trail's newest entries is detected.
 */

jest.setTimeout(240_000);

const home = tempDir('aura-e2e-journey-');
const workspace = join(home, 'project');
const PASSWORD = 'journey vault password';
const KEY = `sk-journey-${Date.now().toString(36)}-0123456789abcdef`;
const PASS = { text: '{"verdict":"pass","reasons":[]}' };
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(workspace);
  [browser, llm, host] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(['scripted']), launchHost({ AURA_HOME: home })]);
  const added = await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace });
  await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: added.id });
  page = await browser.newPage();
  await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective));" });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
});
afterAll(async () => {
  await page?.close();
  await host?.stop();
  await llm?.stop();
  await browser?.close();
});

const filesHolding = (secret: string) => filesUnder(home).filter((file) => readFileSync(file).includes(secret));

describe('a new user, from an empty data folder', () => {
  it('creates a vault, adds one account for all roles, tests it, approves a write from its diff; the key is on no disk', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-vault').click();
    await page.locator('[data-testid="vault-state"][data-state="none"]').waitFor();
    await page.getByTestId('vault-new-password').fill(PASSWORD);
    await page.getByTestId('vault-confirm-password').fill(`${PASSWORD}!`);
    await page.getByTestId('vault-create-submit').click();
    // A mismatch is caught before the host is asked.
    await page.getByText('The two passwords differ.').waitFor();
    await page.getByTestId('vault-confirm-password').fill(PASSWORD);
    await page.getByTestId('vault-create-submit').click();
    await page.locator('[data-testid="vault-state"][data-state="unlocked"]').waitFor();
    // The headless host has no system keychain: "remember" says so instead of offering it.
    expect(await page.getByTestId('vault-remember').getAttribute('data-state')).toBe('desktop-only');
    expect(await page.getByTestId('vault-remember').isDisabled()).toBe(true);

    await page.getByTestId('nav-providers').click();
    await page.getByTestId('account-provider').selectOption('openai-compatible');
    await page.getByTestId('account-name').fill('My server');
    await page.getByTestId('account-base-url').fill(llm.baseUrl);
    await page.getByTestId('account-api-key').fill(KEY);
    await page.getByTestId('account-add').click();
    const account = page.getByTestId('provider-account').filter({ hasText: 'My server' });
    await account.getByTestId('account-test').click();
    await account.locator('[data-testid="account-test-result"][data-ok="true"]').waitFor();
    await account.getByTestId('account-use-model').selectOption('scripted');
    await account.getByTestId('account-use').click();
    await account.getByTestId('account-use-status').filter({ hasText: 'scripted' }).waitFor();
    const { value: routes } = await hostRpc<{ value: Record<string, { account?: string }[]> }>(host, 'settings.get', { key: 'modelRoutes' });
    const accountIds = new Set(Object.values(routes).map((refs) => refs[0]?.account));
    expect(accountIds.size).toBe(1);
    expect([...accountIds][0]).toMatch(/^[0-9a-f-]{36}$/);

    await llm.script(
      { text: JSON.stringify({ steps: [{ title: 'Write hello.txt', detail: 'Create it' }] }) },
      { toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'Hello from the vault account\n' } }] },
      { text: 'Written.' },
      PASS,
    );
    await page.getByTestId('nav-tasks').click();
    expect(await page.getByTestId('composer-profile').textContent()).toContain('Ask every time');
    await page.getByTestId('chat-input').fill('Create hello.txt');
    await page.getByTestId('chat-send').click();
    const approval = page.getByTestId('approval');
    await approval.waitFor();
    expect(await page.getByTestId('task-profile').textContent()).toContain('Ask every time');
    await approval.locator('.monaco-diff-editor .editor.modified .view-lines').filter({ hasText: 'Hello from the vault account' }).waitFor();
    await approval.getByTestId('approval-approve').click();
    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor({ timeout: 90_000 });
    expect(readFileSync(join(workspace, 'hello.txt'), 'utf8')).toBe('Hello from the vault account\n');

    // The key went to the account's server, in the header only, and nowhere else.
    const calls = (await llm.requests()).filter((request) => request.path === '/v1/chat/completions');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(new Set(calls.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${KEY}`]));
    expect(await page.content()).not.toContain(KEY);
    expect(filesHolding(KEY)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('detects the newest audit entries cut from the trail, on the terminal and on the Audit page', async () => {
    await page.close();
    await host.stop();
    // The cut an attacker with the database makes: the append-only triggers dropped, the newest entries gone.
    const db = new Database(join(home, 'aura.db'));
    try {
      db.exec('DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_no_update;');
      const { count } = db.prepare('SELECT COUNT(*) AS count FROM audit').get() as { count: number };
      db.prepare('DELETE FROM audit WHERE seq > ?').run(count - 3);
    } finally {
      db.close();
    }
    expect(filesHolding(KEY)).toEqual([]);

    host = await launchHost({ AURA_HOME: home });
    expect((await aura(home, ['vault', 'unlock'], { AURA_VAULT_PASSWORD: PASSWORD })).code).toBe(0);
    const verify = await aura(home, ['audit', 'verify']);
    expect(verify.code).toBe(1);
    expect(`${verify.out}\n${verify.err}`).toMatch(/deleted/i);

    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('nav-audit-log').click();
    await page.getByTestId('audit-verify').click();
    await page.locator('[data-testid="audit-verdict"][data-ok="false"]').waitFor();
  });
});
