import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { tempDir } from '../support/temp-app';

jest.setTimeout(120_000);

const home = tempDir('aura-e2e-failures-');
const workspace = join(home, 'project');
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let workspaceId: string;

beforeAll(async () => {
  mkdirSync(workspace);
  [browser, llm, host] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(), launchHost({ AURA_HOME: home })]);
  const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
  await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [model] } });
  workspaceId = (await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace })).id;
});
afterAll(async () => {
  await host?.stop();
  await llm?.stop();
  await browser?.close();
});

describe('a task whose model answers in the wrong format, in Chromium', () => {
  it('looks failed, says why in the user’s language, and shows what the model answered', async () => {
    await llm.script({ text: 'Sure! I will look at the files first.' }, { text: 'Happy to help, the plan is to read and then write.' });
    const task = await hostRpc<{ id: string }>(host, 'tasks.create', { goal: 'Summarize the project', workspaceId });
    const page = await browser.newPage();
    await page.goto(`${host.url}#/tasks/${task.id}`);
    await page.locator('[data-testid="task-status"][data-status="failed"]').waitFor();

    const notice = page.getByTestId('task-error');
    expect(await notice.getAttribute('data-code')).toBe('MODEL_OUTPUT_INVALID');
    expect(await notice.locator('.notice__message').innerText()).toBe('The model’s answer was not in the required format.');
    // Both planner calls are marked failed, never OK, each with what the model said one click away.
    const failures = page.getByTestId('model-call-failure');
    expect(await failures.count()).toBe(2);
    expect(await page.locator('[data-testid="model-call"][data-ok="true"]').count()).toBe(0);
    await failures.first().locator('summary').click();
    expect(await failures.first().getByTestId('model-call-reply').innerText()).toBe('Sure! I will look at the files first.');

    await hostRpc(host, 'settings.set', { key: 'language', value: 'fr' });
    await notice.locator('.notice__message').filter({ hasText: 'La réponse du modèle n’était pas au format demandé.' }).waitFor();
    await hostRpc(host, 'settings.set', { key: 'language', value: 'en' });
    await page.close();
  });
});
