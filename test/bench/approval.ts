import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { hostRpc } from '../support/host-rpc';
import { launchHost } from '../support/launch-host';
import { spawnScriptedLlm } from '../support/llm-process';
import { eventually } from '../support/eventually';
import { tempDir } from '../support/temp-app';

export interface ApprovalFigures {
  /** From the tool call's record (the agent's request) to the approval prompt painted in the task's chat. */
  promptMs: number[];
  /** …to the Monaco diff of the write painted with the new text. */
  diffMs: number[];
}

type Painted = { __paints: Record<string, { prompt: number; diff: number }> };

/**
 * Marks, per tool call, when its approval prompt and then its diff were first painted (after the next frame).
 * Keyed by the call's id: the chat may re-render a prompt's element while it waits.
 */
const PAINT_WATCH = `
window.__paints = {};
new MutationObserver(() => {
  for (const prompt of document.querySelectorAll('[data-testid="approval"]')) {
    const id = prompt.closest('[data-tool-call-id]')?.getAttribute('data-tool-call-id');
    if (!id) continue;
    let entry = window.__paints[id];
    if (!entry) {
      entry = window.__paints[id] = { prompt: 0, diff: 0, diffSeen: false };
      requestAnimationFrame(() => setTimeout(() => (entry.prompt = Date.now())));
    }
    const lines = prompt.querySelector('.monaco-diff-editor .editor.modified .view-lines');
    if (!entry.diffSeen && lines && lines.textContent.includes('BENCH-')) {
      entry.diffSeen = true;
      requestAnimationFrame(() => setTimeout(() => (entry.diff = Date.now())));
    }
  }
}).observe(document, { childList: true, subtree: true, characterData: true });
`;

/**
 * The approval round trip as the user meets it: a built host, the scripted provider asking for writes one after
 * another under "Ask every time", the task's chat open in Chromium. Host and page share the machine's clock,
 * so the record's time and the page's Date.now() compare directly (millisecond resolution).
 */
export async function approvalFigures(tasks = 2, writesPerTask = 10): Promise<ApprovalFigures> {
  const home = tempDir('aura-bench-approval-');
  const workspace = join(home, 'project');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'notes.md'), Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n'));
  const [browser, llm, host] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }), spawnScriptedLlm(), launchHost({ AURA_HOME: home })]);
  const promptMs: number[] = [];
  const diffMs: number[] = [];
  try {
    const model = { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl };
    await hostRpc(host, 'settings.set', { key: 'modelRoutes', value: { planner: [model], executor: [model], reviewer: [model] } });
    const added = await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Bench', path: workspace });
    await hostRpc(host, 'settings.set', { key: 'defaultWorkspace', value: added.id });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript({ content: PAINT_WATCH });
    await page.goto(host.url);
    // A step takes at most a dozen model turns: the writes are spread over a few tasks of one step each.
    const edit = (i: number) => ({ toolCalls: [{ name: 'write', args: { path: 'notes.md', content: `BENCH-${i}\n${'line\n'.repeat(40)}` } }] });
    for (let i = 1; i <= tasks * writesPerTask; i += 1) {
      if (i % writesPerTask === 1) {
        const first = i - 1;
        await llm.script({ text: JSON.stringify({ steps: [{ title: 'Edit notes', detail: 'Many edits' }] }) }, ...Array.from({ length: writesPerTask }, (_, n) => edit(first + n)), { text: 'Done.' }, { text: '{"verdict":"pass","reasons":[]}' });
        await page.getByTestId('nav-tasks').click();
        await page.getByTestId('chat-input').fill(`Edit notes.md many times (${first / writesPerTask + 1})`);
        await page.getByTestId('chat-send').click();
      }
      const [waiting] = await eventually(() => hostRpc<{ id: string; createdAt: string }[]>(host, 'approvals.list', {}), (list) => list.length > 0, 60_000);
      if (!waiting) throw new Error('no approval is waiting');
      // Functions, not strings: the page's CSP refuses eval, and Playwright calls functions without it.
      const painted = await page
        .waitForFunction(
          (id) => {
            const paint = (globalThis as unknown as Painted).__paints[id];
            return paint && paint.prompt > 0 && paint.diff > 0 ? { prompt: paint.prompt, diff: paint.diff } : null;
          },
          waiting.id,
          { timeout: 60_000 },
        )
        .then((handle) => handle.jsonValue());
      if (!painted) throw new Error(`approval ${i} was not painted`);
      const requested = Date.parse(waiting.createdAt);
      promptMs.push(painted.prompt - requested);
      diffMs.push(painted.diff - requested);
      await page.locator(`[data-tool-call-id="${waiting.id}"]`).getByTestId('approval-approve').click();
      await page.locator(`[data-tool-call-id="${waiting.id}"] [data-testid="approval"]`).waitFor({ state: 'detached' });
    }
    await page.close();
  } finally {
    await host.stop();
    await llm.stop();
    await browser.close();
  }
  return { promptMs, diffMs };
}
