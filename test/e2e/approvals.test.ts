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

  it('"Always allow" adds a rule to a copy of the built-in profile, which the task header then names', async () => {
    await llm.script(plan('Write a file'), write('always.md', 'always\n'), { text: 'Written.' }, PASS);
    await startTask('Write always.md');
    const approval = page.getByTestId('approval');
    await approval.getByTestId('monaco-diff').waitFor();
    await approval.getByTestId('approval-always').click();
    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    const { active, profiles } = await hostRpc<{ active: string; profiles: { id: string; name: string; tools: unknown[] }[] }>(host, 'profiles.list', {});
    const mine = profiles.find((profile) => profile.id === active);
    expect(mine).toMatchObject({ name: 'Ask every time (my rules)', tools: [{ tool: 'write', decision: 'allow' }] });
    // The chip follows the task onto the new profile (loaded again: it did not exist when the page opened).
    await page.locator(`[data-testid="task-profile"][data-profile="${active}"]`).filter({ hasText: 'Ask every time (my rules)' }).waitFor();
    await hostRpc(host, 'profiles.use', { profile: 'ask' });
    await hostRpc(host, 'profiles.remove', { profile: active });
    expect(problems).toEqual([]);
  });

  it('shows the plain diff when Monaco cannot load', async () => {
    await page.route(/MonacoDiffEditor-[^/]*\.js$/, (route) => route.abort());
    await llm.script(plan('Write a file'), write('plain.md', 'plain text\n'), { text: 'Written.' }, PASS);
    await startTask('Write plain.md');
    const approval = page.getByTestId('approval');
    await approval.getByTestId('plain-diff').getByTestId('tool-diff').filter({ hasText: '+plain text' }).waitFor();
    expect(await approval.getByTestId('monaco-diff').count()).toBe(0);
    await approval.getByTestId('approval-approve').click();
    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    expect(readFileSync(join(workspace, 'plain.md'), 'utf8')).toBe('plain text\n');
    // Only the blocked chunk is reported (its request, and the import React caught): no CSP violation, nothing else.
    expect(problems.filter((problem) => !/Failed to load resource|MonacoDiffEditor-/.test(problem))).toEqual([]);
  });
});

describe('Settings → Approvals in Chromium', () => {
  it('copies a built-in profile, edits its defaults and rules (refusing a bad rule by field), uses it, and deletes it', async () => {
    await page.goto(host.url);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-approvals').click();
    const rows = page.getByTestId('profile-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((list) => list.map((row) => (row as unknown as { dataset: Record<string, string> }).dataset.profile))).toEqual(expect.arrayContaining(['read-only', 'ask', 'auto-edit', 'yes']));
    const ask = page.locator('[data-testid="profile-row"][data-profile="ask"]');
    expect(await ask.getAttribute('data-active')).toBe('true');
    // Built-in profiles are copied, not edited.
    expect(await ask.getByTestId('profile-edit').count()).toBe(0);

    await ask.getByTestId('profile-copy').click();
    const editor = page.getByTestId('profile-editor');
    await editor.waitFor();
    expect(await editor.getByTestId('profile-name').inputValue()).toBe('Ask every time (copy)');
    const id = (await editor.getAttribute('data-profile')) ?? '';
    await editor.getByTestId('profile-name').fill('Careful');
    await editor.getByTestId('profile-risk-network').selectOption('deny');
    await editor.getByTestId('tool-rule-add').click();
    // The tool field suggests the real tools.
    expect(await page.locator('datalist option[value="write"]').count()).toBe(1);
    await editor.getByTestId('tool-rule-tool').fill('bad name!');
    await editor.getByTestId('path-rule-add').click();
    await editor.getByTestId('path-rule-path').fill('**/.env');
    await editor.getByTestId('path-rule-access').selectOption('any');
    await editor.getByTestId('path-rule-decision').selectOption('deny');
    await editor.getByTestId('profile-save').click();
    await editor.locator('[data-testid="field-error"][data-field="tools.0.tool"]').waitFor();
    expect(await editor.getByTestId('field-error').count()).toBe(1);
    expect((await hostRpc<{ name: string }>(host, 'profiles.show', { profile: id })).name).toBe('Ask every time (copy)');

    await editor.getByTestId('tool-rule-tool').fill('write');
    await editor.getByTestId('tool-rule-decision').selectOption('allow');
    expect(await editor.getByTestId('field-error').count()).toBe(0);
    await editor.getByTestId('profile-save').click();
    await editor.locator('[data-testid="profile-status"][data-state="saved"]').waitFor();
    expect(await hostRpc(host, 'profiles.show', { profile: id })).toEqual({
      id,
      name: 'Careful',
      builtin: false,
      risks: { read: 'allow', write: 'ask', execute: 'ask', network: 'deny' },
      tools: [{ tool: 'write', decision: 'allow' }],
      paths: [{ path: '**/.env', access: 'any', decision: 'deny' }],
    });

    const careful = page.locator(`[data-testid="profile-row"][data-profile="${id}"]`);
    await careful.filter({ hasText: 'Careful' }).waitFor();
    await careful.getByTestId(`permission-profile-${id}`).click();
    await page.locator(`[data-testid="setting-permission-profile"][data-value="${id}"]`).waitFor();
    expect((await hostRpc<{ active: string }>(host, 'profiles.list', {})).active).toBe(id);

    await careful.getByTestId('profile-delete').click();
    await careful.getByTestId('profile-delete-confirm').click();
    await careful.waitFor({ state: 'detached' });
    await page.locator('[data-testid="setting-permission-profile"][data-value="ask"]').waitFor();
    expect(await page.getByTestId('profile-editor').count()).toBe(0);
    expect(await page.getByTestId('profiles-status').textContent()).not.toBe('');
    expect(problems).toEqual([]);
  });
});
