import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { tempDir } from '../support/temp-app';

jest.setTimeout(120_000);

// Test values, not real secrets; each must never reach the page.
const KEY = 'sk-e2e-providers-7a1b2c3d4e5f9Z8Y';
const ENV_KEY = 'sk-e2e-environment-5566778899aabbcc';
const home = tempDir('aura-e2e-providers-');
const npmStart = ['npm', 'start', '--silent'];
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let page: Page;

type Routes = Record<'planner' | 'executor' | 'reviewer', { provider: string; model: string; account?: string }[]>;

/** The page's whole HTML, field values included (the DOM's `value` properties are not in the markup). */
async function everythingShown(target: Page): Promise<string> {
  const values = await target.locator('input, textarea, select').evaluateAll((fields) => fields.map((field) => (field as unknown as { value: string }).value));
  return `${await target.content()}\n${values.join('\n')}`;
}

/** The test id of the element that has focus. */
const focusedTestId = () => page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null");

const account = (name: string) => page.getByTestId('provider-account').filter({ has: page.getByTestId('account-name-text').filter({ hasText: name }) });

beforeAll(async () => {
  [browser, llm, host] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    spawnScriptedLlm(['scripted-small', 'scripted-large']),
    launchHost({ AURA_HOME: home, OPENAI_API_KEY: ENV_KEY }, npmStart),
  ]);
});
afterAll(async () => {
  await host?.stop();
  await llm?.stop();
  await browser?.close();
});

describe('the Providers page in Chromium', () => {
  it('adds an OpenAI-compatible account once the vault exists, tests it, uses it for all roles, and never shows its key', async () => {
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('nav-providers').click();
    await page.getByTestId('accounts-none').waitFor();

    // No vault yet: the form says so before anything is typed, and points at Settings → Vault.
    const notice = page.getByTestId('account-add-form').getByTestId('account-vault-notice');
    expect(await notice.getAttribute('data-state')).toBe('none');
    expect(await notice.getByTestId('account-vault-link').getAttribute('href')).toBe('#/settings/vault');
    expect(await page.getByTestId('account-api-key').isDisabled()).toBe(true);

    // Created elsewhere (as the Vault tab or `aura vault init` would): `vault.changed` opens the key field.
    await hostRpc(host, 'vault.init', { password: 'correct horse battery staple' });
    await notice.waitFor({ state: 'detached' });
    expect(await page.getByTestId('account-api-key').isEnabled()).toBe(true);

    await page.getByTestId('account-provider').selectOption('openai-compatible');
    await page.getByTestId('account-preset').selectOption('vllm');
    expect(await page.getByTestId('account-base-url').inputValue()).toBe('http://127.0.0.1:8000/v1');
    await page.getByTestId('account-preset').selectOption('');
    expect(await page.getByTestId('account-base-url').inputValue()).toBe('');
    await page.getByTestId('account-name').fill('Loopback lab');
    await page.getByTestId('account-base-url').fill(llm.baseUrl);
    await page.getByTestId('account-api-key').fill(KEY);
    await page.getByTestId('account-budget-input').fill('5');
    await page.getByTestId('account-add').click();

    const row = account('Loopback lab');
    await row.waitFor();
    // Focus moves to the new account; the key field is empty again; the key shows as its last 4 characters only.
    expect(await focusedTestId()).toBe('provider-account');
    expect(await page.getByTestId('account-api-key').inputValue()).toBe('');
    expect(await row.getByTestId('account-key').getAttribute('data-key')).toBe('hint');
    expect(await row.getByTestId('account-key').innerText()).toContain(KEY.slice(-4));
    expect(await row.getByTestId('account-endpoint').innerText()).toBe(llm.baseUrl);
    expect(await row.getByTestId('account-budget').innerText()).toContain('$5.00');
    expect(await page.getByTestId('accounts-status').innerText()).toContain('Loopback lab');

    await row.getByTestId('account-test').click();
    const result = row.locator('[data-testid="account-test-result"][data-ok="true"]');
    await result.waitFor();
    expect(await result.innerText()).toContain('2 models listed');
    expect(await row.getByTestId('account-use-model').locator('option').allInnerTexts()).toEqual(['scripted-small', 'scripted-large', 'Another model…']);
    // The key went to the server, in the header, and only there.
    const listing = (await llm.requests()).filter((request) => request.path === '/v1/models');
    expect(listing.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);

    await row.getByTestId('account-use-model').selectOption('scripted-large');
    await row.getByTestId('account-use').click();
    await row.getByTestId('account-use-status').filter({ hasText: 'scripted-large' }).waitFor();
    const [{ id }] = await hostRpc<[{ id: string }]>(host, 'providers.accounts.list', {});
    const routes = (await hostRpc<{ modelRoutes: Routes }>(host, 'settings.getAll', {})).modelRoutes;
    for (const role of ['planner', 'executor', 'reviewer'] as const) expect(routes[role][0]).toEqual(expect.objectContaining({ provider: 'openai-compatible', model: 'scripted-large', account: id }));
    // The route editor names the account in place of provider and address.
    const planner = page.getByTestId('route-role-planner').getByTestId('route-ref').first();
    await planner.getByTestId('route-account').waitFor();
    expect(await planner.getByTestId('route-account').inputValue()).toBe(id);
    expect(await planner.getByTestId('route-account').locator('option:checked').innerText()).toBe('Loopback lab');
    expect(await planner.getByTestId('route-base-url').count()).toBe(0);
    expect(await everythingShown(page)).not.toContain(KEY);

    // After a reload the key is still masked, and nowhere in the page.
    await page.reload();
    await page.getByTestId('nav-providers').click();
    await account('Loopback lab').getByTestId('account-key').waitFor();
    expect(await account('Loopback lab').getByTestId('account-key').innerText()).toMatch(new RegExp(`${KEY.slice(-4)}$`));
    expect(await everythingShown(page)).not.toContain(KEY);
    expect(await everythingShown(page)).not.toContain(KEY.slice(0, -4));

    // Edit: a new name, budget and key; the old key is replaced, the new one shows as its last 4 characters only.
    const NEW_KEY = 'sk-e2e-replaced-0f1e2d3c4b5aQ7R6';
    await account('Loopback lab').getByTestId('account-edit').click();
    expect(await focusedTestId()).toBe('account-edit-name');
    await page.getByTestId('account-edit-name').fill('Loopback lab 2');
    await page.getByTestId('account-edit-budget').fill('7.5');
    await account('Loopback lab').getByTestId('account-edit-form').getByTestId('account-api-key').fill(NEW_KEY);
    await page.getByTestId('account-edit-save').click();
    const renamed = account('Loopback lab 2');
    await renamed.getByTestId('account-key').filter({ hasText: NEW_KEY.slice(-4) }).waitFor();
    expect(await focusedTestId()).toBe('account-edit');
    expect(await renamed.getByTestId('account-budget').innerText()).toContain('$7.50');
    await renamed.getByTestId('account-test').click();
    await renamed.locator('[data-testid="account-test-result"][data-ok="true"]').waitFor();
    expect((await llm.requests()).filter((request) => request.path === '/v1/models').at(-1)?.headers.authorization).toBe(`Bearer ${NEW_KEY}`);
    expect(await everythingShown(page)).not.toContain(NEW_KEY);

    // Locked in the host: the page follows without a reload.
    await hostRpc(host, 'vault.lock', {});
    await account('Loopback lab 2').locator('[data-testid="account-key"][data-key="locked"]').waitFor();
    expect(await account('Loopback lab 2').getByTestId('account-key').innerText()).toBe('Key locked in the vault');
    expect(await page.getByTestId('account-add-form').getByTestId('account-vault-notice').getAttribute('data-state')).toBe('locked');
    expect(await everythingShown(page)).not.toContain(KEY);
    await page.close();
  });

  it('shows environment keys as such, finds a server on another port, and removes an account after naming it', async () => {
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('nav-providers').click();
    const port = new URL(llm.baseUrl).port;
    await page.getByTestId('providers-detect-ports').fill(port);
    await page.getByTestId('providers-detect').click();
    const fromEnv = page.locator('[data-testid="detected-source"][data-source="environment"]');
    await fromEnv.first().waitFor();
    expect(await fromEnv.allInnerTexts()).toContain('From the environment: OPENAI_API_KEY');
    const onPort = page.getByTestId('detected-provider').filter({ hasText: `127.0.0.1:${port}` });
    await onPort.waitFor();
    expect(await onPort.getByTestId('detected-provider-model').locator('option').allInnerTexts()).toEqual(['scripted-small', 'scripted-large']);
    expect(await everythingShown(page)).not.toContain(ENV_KEY);

    // A key-less account (a local server) can be added while the vault is locked.
    await page.getByTestId('account-provider').selectOption('openai-compatible');
    await page.getByTestId('account-preset').selectOption('llamacpp');
    await page.getByTestId('account-name').fill('Spare server');
    await page.getByTestId('account-add').click();
    const spare = account('Spare server');
    await spare.waitFor();
    expect(await spare.getByTestId('account-key').innerText()).toBe('No key');

    await spare.getByTestId('account-remove').click();
    const confirm = spare.getByTestId('account-remove-confirm');
    expect(await confirm.innerText()).toContain('Spare server');
    // The safe answer has focus first.
    expect(await focusedTestId()).toBe('account-remove-cancel');
    await confirm.getByTestId('account-remove-confirm-button').click();
    await spare.waitFor({ state: 'detached' });
    expect(await page.getByTestId('accounts-status').innerText()).toContain('Spare server');
    expect(await focusedTestId()).toBe('accounts-status');
    expect((await hostRpc<{ name: string }[]>(host, 'providers.accounts.list', {})).map((a) => a.name)).toEqual(['Loopback lab 2']);
    await page.close();
  });
});
