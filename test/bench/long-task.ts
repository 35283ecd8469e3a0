import { rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { launchHost } from '../support/launch-host';
import { seedLongTask } from '../support/seed-long-task';
import { openTempApp, tempDir } from '../support/temp-app';

/**
 * Opens the task from the list (`#/tasks` → `#/tasks/<id>`, what a click on its row does) and times it
 * until the newest summary is on screen: the mutation that adds it, then the frame that paints it (a
 * task queued from a frame callback runs once that frame is drawn).
 */
const OPEN_AND_TIME = `(async ({ id, marker }) => {
  const start = performance.now();
  const shown = new Promise((resolve) => {
    const seen = () => [...document.querySelectorAll('[data-testid="chat-message"]')].some((el) => el.textContent.includes(marker));
    const observer = new MutationObserver(() => {
      if (!seen()) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - start);
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  location.hash = '#/tasks/' + id;
  return shown;
})`;

async function roundTrips(port: number, token: string, method: string, input: unknown, calls: number): Promise<{ ms: number[]; bytes: number }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws?token=${token}`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const ms: number[] = [];
  let bytes = 0;
  for (let id = 0; id < calls + 5; id += 1) {
    const start = process.hrtime.bigint();
    const frame = await new Promise<WebSocket.RawData>((resolve) => {
      socket.once('message', resolve);
      socket.send(JSON.stringify({ id, method, input }));
    });
    if (id >= 5) ms.push(Number(process.hrtime.bigint() - start) / 1e6); // warm-up excluded
    bytes = (frame as Buffer).length;
  }
  socket.close();
  return { ms, bytes };
}

export interface LongTaskFigures {
  items: number;
  openMs: number[];
  get: { ms: number[]; bytes: number };
  history: { ms: number[]; bytes: number };
  /** Size of the whole history as one reply, what `tasks.get` returned before pages. */
  wholeBytes: number;
}

/** A finished task of 1,000 steps (5,000 timeline items), opened in Chromium and read over the WebSocket. */
export async function longTaskFigures(runs = 10): Promise<LongTaskFigures> {
  const home = tempDir();
  const seeded = await seedLongTask(home, 1000);
  const local = openTempApp(home);
  const wholeBytes = JSON.stringify(local.tasks.detail(seeded.id)).length;
  const cursor = local.history.overview(seeded.id, 50).cursor;
  await local.close();
  const host = await launchHost({ AURA_HOME: home });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const get = await roundTrips(host.port, host.token, 'tasks.get', { id: seeded.id }, 50);
    const history = await roundTrips(host.port, host.token, 'tasks.history', { id: seeded.id, before: cursor }, 50);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(host.url);
    await page.getByTestId('nav-tasks').click();
    const openMs: number[] = [];
    for (let i = 0; i < runs + 1; i += 1) {
      await page.evaluate("location.hash = '#/tasks'");
      await page.getByTestId('task-view').waitFor({ state: 'detached' });
      const ms = (await page.evaluate(`${OPEN_AND_TIME}(${JSON.stringify({ id: seeded.id, marker: 'Step 1000 finished' })})`)) as number;
      if (i > 0) openMs.push(ms); // the first open also loads the page's code for the task view
    }
    return { items: seeded.items, openMs, get, history, wholeBytes };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(home, { recursive: true, force: true });
  }
}
