import type { Page } from 'playwright-core';
import { BROWSER_LIMITS } from '../../shared/browser';
import type { BrowserSession } from './browser-session';

export type LiveViewProgress = { kind: 'frame'; data: string; width: number; height: number } | { kind: 'page'; url: string; title: string };

const FRAME_MS = 1000 / BROWSER_LIMITS.liveViewFps;

/**
 * Streams the session's current page with Chromium's screencast (CDP `Page.startScreencast`): a JPEG
 * whenever the page changes, never more than `liveViewFps` a second (a frame's acknowledgement, which
 * Chromium waits for before the next, is held back until its slot). Follows the current page when a
 * popup opens or a page closes; reports each new address. Ends when cancelled or the session closes.
 */
export async function liveView(session: BrowserSession, signal: AbortSignal, progress: (data: LiveViewProgress) => void): Promise<{ ended: 'closed' | 'no-page' }> {
  if (!session.active) return { ended: 'no-page' };
  const pageInfo = async (page: Page) => progress({ kind: 'page', url: page.url(), title: await page.title().catch(() => '') });
  const onPage = (page: Page) => void pageInfo(page);
  session.on('page', onPage);
  try {
    while (!signal.aborted && !session.isClosed) {
      const page = session.active;
      if (!page) return { ended: 'no-page' };
      void pageInfo(page);
      await streamPage(page, session, signal, progress);
    }
    return { ended: 'closed' };
  } finally {
    session.off('page', onPage);
  }
}

/** Screencasts one page until the session's current page changes, the session closes, or the signal aborts. */
async function streamPage(page: Page, session: BrowserSession, signal: AbortSignal, progress: (data: LiveViewProgress) => void): Promise<void> {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const onActive = () => stop();
  session.on('active', onActive);
  session.once('closed', onActive);
  signal.addEventListener('abort', onActive, { once: true });
  let cdp;
  try {
    cdp = await page.context().newCDPSession(page);
  } catch {
    // The page closed between the check and here: the loop picks the next one.
    session.off('active', onActive);
    session.off('closed', onActive);
    signal.removeEventListener('abort', onActive);
    await new Promise((resolve) => setImmediate(resolve));
    return;
  }
  let last = 0;
  const timers = new Set<NodeJS.Timeout>();
  cdp.on('Page.screencastFrame', (frame) => {
    const now = performance.now();
    progress({ kind: 'frame', data: frame.data, width: frame.metadata.deviceWidth, height: frame.metadata.deviceHeight });
    const wait = Math.max(0, last + FRAME_MS - now);
    last = now + wait;
    const ack = () => void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    if (wait === 0) return ack();
    const timer = setTimeout(() => {
      timers.delete(timer);
      ack();
    }, wait);
    timers.add(timer);
  });
  page.once('close', onActive);
  try {
    await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 70, maxWidth: BROWSER_LIMITS.liveViewMaxWidth, maxHeight: BROWSER_LIMITS.liveViewMaxHeight, everyNthFrame: 1 });
    await stopped;
  } catch {
    // The page went away while the screencast started.
  } finally {
    for (const timer of timers) clearTimeout(timer);
    session.off('active', onActive);
    session.off('closed', onActive);
    page.off('close', onActive);
    signal.removeEventListener('abort', onActive);
    await cdp.send('Page.stopScreencast').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
}
