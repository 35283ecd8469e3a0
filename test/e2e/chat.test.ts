import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { loadScript } from '../support/llm-server';
import { tempDir } from '../support/temp-app';

jest.setTimeout(120_000);

const home = tempDir('aura-e2e-chat-');
const workspace = join(home, 'project');
const npmStart = ['npm', 'start', '--silent'];
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let page: Page;

beforeAll(async () => {
  mkdirSync(workspace);
  [browser, llm, host] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(), launchHost({ AURA_HOME: home }, npmStart)]);
  const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
  await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [{ ...model, provider: 'anthropic' }] } });
  const added = await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace });
  await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: added.id });
});
beforeEach(() => llm.reset());
afterAll(async () => {
  await host?.stop();
  await llm?.stop();
  await browser?.close();
});

describe('chat in Chromium against the scripted provider', () => {
  it('streams the plan, asks before writing, writes the file once approved, shows the review, and keeps it after a restart', async () => {
    // The planner answers slowly (~3.5 s), so the stream is on screen well before the plan lands, even on a
    // loaded machine where the page takes a moment to switch to the new task.
    const [plan, ...rest] = loadScript('write-file-task');
    if (!plan || !('text' in plan)) throw new Error('the fixture starts with the plan');
    await llm.script({ ...plan, chunkSize: 6, delayMs: 100 }, ...rest);
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('usage-total').waitFor();
    expect(await page.getByTestId('first-run-models').count()).toBe(0); // models are set
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('chat-input').fill('Create hello.txt containing Hello, Aura');
    await page.getByTestId('chat-send').click();

    const stream = page.getByTestId('stream-text');
    // The plan streams as its step titles, before the plan itself is stored.
    await stream.filter({ hasText: 'Write hello.txt' }).waitFor();
    expect(await stream.getAttribute('data-role')).toBe('planner');
    await page.getByTestId('plan-step').first().waitFor();
    expect(await page.getByTestId('plan-step').allInnerTexts()).toEqual([expect.stringContaining('Write hello.txt'), expect.stringContaining('Check the file')]);

    const writeCard = page.locator('[data-testid="tool-card"][data-tool="write"]');
    await writeCard.and(page.locator('[data-status="waiting_approval"]')).waitFor();
    expect(await page.getByTestId('task-status').getAttribute('data-status')).toBe('waiting_approval');
    expect(existsSync(join(workspace, 'hello.txt'))).toBe(false);
    await page.getByTestId('approval-approve').click();

    await page.locator('[data-testid="review-verdict"][data-verdict="pass"]').waitFor();
    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor();
    expect(readFileSync(join(workspace, 'hello.txt'), 'utf8')).toBe('Hello, Aura\n');
    expect(await writeCard.getAttribute('data-status')).toBe('done');
    expect(await page.locator('[data-testid="tool-card"][data-tool="read"]').getAttribute('data-status')).toBe('done');
    const taskUrl = page.url();
    await page.close();

    await host.stop();
    host = await launchHost({ AURA_HOME: home }, npmStart);
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('task-list-row').filter({ hasText: 'Create hello.txt' }).click();
    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor();
    expect(await page.getByTestId('plan-step').count()).toBe(2);
    expect(await page.getByTestId('tool-card').count()).toBe(2);
    expect(await page.locator('[data-testid="review-verdict"]').getAttribute('data-verdict')).toBe('pass');
    expect(page.url().split('#')[1]).toBe(taskUrl.split('#')[1]);
    await page.close();
  });

  it('cancels a running task from the chat', async () => {
    await llm.script({ stall: true });
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('chat-input').fill('This will be cancelled');
    await page.getByTestId('chat-input').press('Enter');
    await page.getByTestId('task-cancel').click();
    await page.locator('[data-testid="task-status"][data-status="cancelled"]').waitFor();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('recent-task').filter({ hasText: 'This will be cancelled' }).waitFor();
    expect(await page.getByTestId('running-task').count()).toBe(0);
    await page.close();
  });

  it('edits the model routes on the Providers page and the permission profile in Settings, both persisted', async () => {
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('nav-providers').click();
    const executor = page.getByTestId('route-role-executor');
    await executor.getByTestId('route-ref').first().waitFor();
    expect(await executor.getByTestId('route-model').first().inputValue()).toBe('scripted');
    await executor.getByTestId('route-add-executor').click();
    const added = executor.getByTestId('route-ref').nth(1);
    await added.getByTestId('route-provider').selectOption('openai-compatible');
    await added.getByTestId('route-preset').selectOption('ollama');
    await added.getByTestId('route-model').fill('llama3.2');
    await page.getByTestId('routes-save').click();
    await page.getByTestId('routes-status').filter({ hasText: /\S/ }).waitFor();
    const saved = await hostRpc<{ modelRoutes: { executor: unknown[] }; permissionProfile: string }>(host, 'settings.getAll', {});
    expect(saved.modelRoutes.executor).toEqual([expect.objectContaining({ model: 'scripted' }), expect.objectContaining({ provider: 'openai-compatible', preset: 'ollama', model: 'llama3.2' })]);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-approvals').click();
    await page.getByTestId('permission-profile-auto-edit').click();
    await page.locator('[data-testid="setting-permission-profile"][data-value="auto-edit"]').waitFor();
    expect((await hostRpc<{ permissionProfile: string }>(host, 'settings.getAll', {})).permissionProfile).toBe('auto-edit');
    expect(await page.locator('[data-testid="tool-row"][data-tool="write"]').getAttribute('data-risk')).toBe('write');
    await page.close();
  });
});
