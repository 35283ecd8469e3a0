import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { spawnScriptedLlm, type LlmProcess } from '../support/llm-process';
import { tempDir } from '../support/temp-app';

jest.setTimeout(150_000);

const home = tempDir('aura-e2e-approvals-');
const workspace = join(home, 'project');
let browser: Browser;
let llm: LlmProcess;
let host: LaunchedHost;
let page: Page;
/** What the page reported that breaks the CSP or the app: violations, console errors, uncaught errors. */
let problems: string[];

const plan = (title: string) => ({ text: JSON.stringify({ steps: [{ title, detail: title }] }) });
const write = (path: string, content: string) => ({ toolCalls: [{ name: 'write', args: { path, content } }] });
const PASS = { text: '{"verdict":"pass","reasons":[]}' };

beforeAll(async () => {
  mkdirSync(workspace);
  [browser, llm, host] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(), launchHost({ AURA_HOME: home })]);
  const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
  await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [model] } });
  const added = await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Project', path: workspace });
  await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: added.id });
  await hostRpc(host, 'profiles.use', { profile: 'ask' });
});
beforeEach(async () => {
  await llm.reset();
  problems = [];
  page = await browser.newPage();
  // Before any script of the page runs: every CSP violation, whatever reports it.
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));",
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
});
afterEach(() => page?.close());
afterAll(async () => {
  await host?.stop();
  await llm?.stop();
  await browser?.close();
});

const startTask = async (goal: string) => {
  await page.goto(host.url);
  await page.getByTestId('nav-tasks').click();
  await page.getByTestId('chat-input').fill(goal);
  await page.getByTestId('chat-send').click();
};

describe('approvals in Chromium, under "Ask every time"', () => {
  it('shows a write as a Monaco diff; "Allow for this task" lets the next write run without asking', async () => {
    writeFileSync(join(workspace, 'notes.md'), '# Notes\nold line\nkept line\n');
    await llm.script(plan('Update the notes'), write('notes.md', '# Notes\nnew line\nkept line\n'), write('second.md', 'second file\n'), { text: 'Both files written.' }, PASS);
    await startTask('Update notes.md and add second.md');

    const approval = page.getByTestId('approval');
    await approval.waitFor();
    // The task's profile is in its header, linking to Settings → Approvals.
    const chip = page.getByTestId('task-profile');
    expect(await chip.textContent()).toContain('Ask every time');
    expect(await chip.getAttribute('href')).toContain('approvals');

    expect(await approval.getByTestId('approval-path').textContent()).toBe('notes.md');
    const diff = approval.locator('.monaco-diff-editor');
    await diff.waitFor();
    // Both sides as Monaco shows them: side by side where there is room, inline (the removed lines between the
    // new ones) in a narrow chat. Its lines are spans with non-breaking spaces; their text is the file's.
    await diff.locator('.view-lines').filter({ hasText: 'old line', visible: true }).first().waitFor();
    await diff.locator('.editor.modified .view-lines').filter({ hasText: 'new line', visible: true }).first().waitFor();
    // Monaco marks what changed: removed in red, inserted in green.
    await diff.locator('.line-delete, .char-delete').filter({ visible: true }).first().waitFor();
    await diff.locator('.line-insert, .char-insert').filter({ visible: true }).first().waitFor();
    // Every style Monaco wrote into its markup went through the CSSOM.
    expect(await diff.locator('[data-aura-style]').count()).toBe(0);
    // Lines sit at their own heights (their `top` came through the CSSOM, not a blocked style attribute).
    const tops = await diff.locator('.editor.modified .view-lines:not(.line-delete) > .view-line').evaluateAll((lines) => lines.map((line) => (line as unknown as { style: { top: string } }).style.top).sort());
    expect(new Set(tops).size).toBe(tops.length);
    expect(tops.length).toBeGreaterThanOrEqual(3);
    expect(existsSync(join(workspace, 'second.md'))).toBe(false);

    await approval.getByTestId('approval-task').click();
    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(readFileSync(join(workspace, 'notes.md'), 'utf8')).toBe('# Notes\nnew line\nkept line\n');
    expect(readFileSync(join(workspace, 'second.md'), 'utf8')).toBe('second file\n');
    // One answer for two writes: the second ran on the task's grant.
    const audit = await hostRpc<{ entries: { action: string; detail: { decision?: string } }[] }>(host, 'audit.list', { action: 'approval.answer' });
    expect(audit.entries.map((entry) => entry.detail.decision)).toEqual(['task']);
    expect(await page.locator('[data-testid="tool-card"][data-tool="write"][data-status="done"]').count()).toBe(2);
    expect(problems).toEqual([]);
  });

  it('denies with a note the agent reads, and writes nothing', async () => {
    await llm.script(plan('Write the secret'), write('secret.txt', 'top secret\n'), { text: 'I did not write it, as asked.' }, PASS);
    await startTask('Write secret.txt');
    const approval = page.getByTestId('approval');
    // A new file: no "before" side to speak of.
    await approval.locator('[data-testid="approval-file"][data-new="true"]').waitFor();
    await approval.locator('.monaco-diff-editor .editor.modified .view-lines').filter({ hasText: 'top secret' }).waitFor();

    await approval.getByTestId('approval-deny').click();
    const note = approval.getByTestId('approval-note');
    // The note field takes the focus, so the keyboard goes on from there.
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('approval-note');
    await note.fill('Put it in the vault instead.');
    await approval.getByTestId('approval-deny-confirm').click();

    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(existsSync(join(workspace, 'secret.txt'))).toBe(false);
    expect(await page.locator('[data-testid="tool-card"][data-tool="write"]').getAttribute('data-status')).not.toBe('done');
    const told = JSON.stringify((await llm.requests()).map((request) => request.body));
    expect(told).toContain('Put it in the vault instead.');
    expect(problems).toEqual([]);
  });
});
