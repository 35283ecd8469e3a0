import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { NavigateResult } from '../../src/shared/browser';
import { startBrowserPages } from '../support/browser-pages';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { hostRpc } from '../support/host-rpc';
import { launchHost } from '../support/launch-host';
import { openTempApp, tempDir } from '../support/temp-app';

export interface BrowserFigures {
  /** browser_navigate of a local article, readable text included, warm worker and browser. */
  navigateMs: number[];
  /** browser_screenshot of the viewport, PNG written under the data folder. */
  screenshotMs: number[];
  /** Frames the Browser page showed per second of a page that changes every animation frame. */
  shownFps: number;
  /** Frames the host sent per second meanwhile (`browser.frame`). */
  sentFps: number;
}

/**
 * The browser through the app's own services (the tool runner, the browser service, the worker, the
 * installed Chromium): navigate + readable text of a local page, and a screenshot; then the Browser page
 * of a built host in Chromium, watching an animated page for a few seconds.
 */
export async function browserFigures(runs = 40, watchMs = 5000): Promise<BrowserFigures> {
  const pages = await startBrowserPages();
  const base = realpathSync(tempDir('aura-bench-browser-'));
  const ws = join(base, 'ws');
  mkdirSync(ws);
  const app = openTempApp(join(base, 'data'), { env: process.env });
  app.settings.set({ key: 'chromiumPath', value: CHROMIUM_PATH }, 'bench');
  const call = async (name: string, input: unknown) => {
    const result = await app.runner.call({ name, input, ctx: { roots: [ws], signal: new AbortController().signal, actor: 'bench', taskId: null }, profile: 'yes', approve: async () => true });
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.output;
  };
  const navigateMs: number[] = [];
  const screenshotMs: number[] = [];
  try {
    // Warm-up: the worker and the browser start with the first call.
    for (let i = 0; i < 3; i += 1) await call('browser_navigate', { url: `${pages.origin}/page.html` });
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      const page = (await call('browser_navigate', { url: `${pages.origin}/page.html?run=${i}` })) as NavigateResult;
      navigateMs.push(performance.now() - started);
      if (!page.text.includes('PELICAN-42')) throw new Error('the readable text is missing');
    }
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await call('browser_screenshot', {});
      screenshotMs.push(performance.now() - started);
    }
  } finally {
    await app.dispose();
  }

  // The live view, as the user sees it: a built host, its Browser page in Chromium.
  const host = await launchHost({ AURA_HOME: join(base, 'host') });
  const viewer = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await hostRpc(host, 'settings.set', { key: 'chromiumPath', value: CHROMIUM_PATH });
    await hostRpc(host, 'tools.call', { name: 'browser_navigate', input: { url: `${pages.origin}/animated.html` }, workspacePath: ws, approved: true });
    const page = await viewer.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(host.url);
    await page.getByTestId('nav-browser').click();
    await page.getByTestId('browser-live-image').waitFor();
    const seq = async () => Number(await page.getByTestId('browser-live-image').getAttribute('data-seq'));
    // Counts the frames painted in the page itself, and how far the host's sequence moved meanwhile.
    const firstSeq = await seq();
    // Page code, as text: this file is compiled without the DOM's types.
    const shown = await page.evaluate<number>(`new Promise((resolve) => {
      let count = 0;
      const image = document.querySelector('[data-testid="browser-live-image"]');
      const observer = new MutationObserver(() => (count += 1));
      observer.observe(image, { attributes: true, attributeFilter: ['data-seq'] });
      setTimeout(() => { observer.disconnect(); resolve(count); }, ${watchMs});
    })`);
    const sent = (await seq()) - firstSeq;
    return { navigateMs, screenshotMs, shownFps: shown / (watchMs / 1000), sentFps: sent / (watchMs / 1000) };
  } finally {
    await viewer.close();
    await host.stop();
    await pages.close();
    rmSync(base, { recursive: true, force: true });
  }
}
