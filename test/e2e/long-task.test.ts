import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { eventually } from '../support/eventually';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import { seedLongTask, type SeededTask } from '../support/seed-long-task';
import { tempDir } from '../support/temp-app';

jest.setTimeout(120_000);

const home = tempDir('aura-e2e-long-');
let browser: Browser;
let host: LaunchedHost;
let page: Page;
let seeded: SeededTask;

beforeAll(async () => {
  // Stored before the host opens the folder, as a task that ran for hours would be.
  seeded = await seedLongTask(home, 1000);
  // One after the other: a browser that fails to start leaves no host running.
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  host = await launchHost({ AURA_HOME: home }, ['npm', 'start', '--silent']);
});
afterAll(async () => {
  await host?.stop();
  await browser?.close();
});

const messages = () => page.getByTestId('chat-message');

describe('a task of 1,000 steps in Chromium', () => {
  it('opens on its newest items, loads earlier ones on demand, and a whole tool output when asked', async () => {
    page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('task-list-row').filter({ hasText: 'A long task of 1000 steps' }).click();
    await page.locator('[data-testid="task-status"][data-status="done"]').waitFor();

    // The plan's last fifty steps, and only the newest page of the conversation: the last steps' summaries and the review.
    await messages().filter({ hasText: 'Step 1000 finished' }).waitFor();
    expect(await page.getByTestId('plan-step').count()).toBe(50);
    expect(await page.getByTestId('plan-window').textContent()).toContain('Steps 951–1,000 of 1,000');
    expect(await page.getByTestId('review-verdict').count()).toBe(1);
    const firstPage = await messages().allInnerTexts();
    // Fifty items: the review, then five a step (a model call, a summary, three tool calls) from step 1000 back into step 991.
    expect(firstPage.filter((text) => /Step \d+ finished/.test(text))).toHaveLength(10);
    expect(firstPage.some((text) => text.includes('Step 991 finished'))).toBe(true);
    expect(firstPage.some((text) => text.includes('Step 990 finished'))).toBe(false);
    const cards = await page.getByTestId('tool-card').count();
    expect(cards).toBe(29);
    expect(await page.getByTestId('model-calls-shown').textContent()).toMatch(/1,000/);

    // "Show earlier" brings the page before, above what is shown, and can go on.
    const earlier = page.getByTestId('chat-show-earlier');
    expect(await earlier.textContent()).toMatch(/4,95\d/);
    await earlier.click();
    await messages().filter({ hasText: 'Step 981 finished' }).waitFor();
    expect(await messages().count()).toBe(20);
    expect(await messages().first().textContent()).toContain('Step 981 finished');
    await earlier.click();
    await messages().filter({ hasText: 'Step 971 finished' }).waitFor();
    expect(await messages().count()).toBe(30);
    expect(await page.getByTestId('tool-card').count()).toBeGreaterThan(cards);

    // The whole plan on demand.
    await page.getByTestId('plan-show-all').click();
    expect(await eventually(() => page.getByTestId('plan-step').count(), (n) => n === 1000)).toBe(1000);
    expect(await page.getByTestId('plan-step').first().textContent()).toContain('Step 1 of the long task');

    // The newest call's output is a preview; the whole of it comes on demand.
    expect(await page.getByTestId('tool-output-full').count()).toBe(1);
    const big = page.locator(`[data-testid="tool-card"][data-tool-call-id="${seeded.bigCallId}"]`);
    expect(await big.getByTestId('tool-output-preview').textContent()).toMatch(/20\.\d kB/);
    const output = big.getByTestId('tool-output');
    expect(await output.getAttribute('data-full')).toBe('false');
    expect(await output.textContent()).not.toContain(seeded.bigOutputEnd);
    await big.getByTestId('tool-output-full').click();
    await big.locator('[data-testid="tool-output"][data-full="true"]').waitFor();
    expect(await output.textContent()).toContain(seeded.bigOutputEnd);
    expect(await big.getByTestId('tool-output-full').count()).toBe(0);

    // Still live: going back to the page it opens on the newest items again, none lost.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('task-list-row').filter({ hasText: 'A long task of 1000 steps' }).click();
    await messages().filter({ hasText: 'Step 1000 finished' }).waitFor();
    expect(await eventually(() => messages().count(), (n) => n === firstPage.length)).toBe(firstPage.length);
    await page.close();
  });
});
