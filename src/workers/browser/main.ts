// The browser worker, built to dist/workers/browser.js: the agent's browser (playwright-core driving the
// Chromium, Chrome or Edge the host found; never a downloaded one). One isolated context per session (a
// task), every request of its pages checked by the request guard (network-policy.ts).
import { errors, type Page } from 'playwright-core';
import { BROWSER_LIMITS, BROWSER_METHODS, refusedUrl, type ActionResult } from '../../shared/browser';
import { AuraError } from '../../shared/errors';
import { serveWorker } from '../worker-runtime';
import { BrowserLauncher } from './browser-launcher';
import { BrowserSession, type SideEffects } from './browser-session';
import { liveView } from './live-view';
import { runAction } from './page-actions';
import { newLines, pageControls, readablePage, settle, shownLines } from './page-reader';

/** How long reading a page may take once it has loaded (a busy script of the page's own blocks it). */
const READ_TIMEOUT_MS = 5_000;
/** A browser with no session left is closed after this long: it holds a few hundred MB. */
const BROWSER_IDLE_MS = 5 * 60_000;

const launcher = new BrowserLauncher();
const sessions = new Map<string, { session: BrowserSession; timer: NodeJS.Timeout | undefined }>();
let browserIdle: NodeJS.Timeout | undefined;
/** Said once per browser: Chromium runs without its own sandbox here. */
let sandboxNote: string | null = null;

type SessionParams = { session: string; launch: { executablePath: string }; privateNetwork: 'allow' | 'approved'; workspace: string };

/** The session's context, opened (in a browser started if need be) when it has none yet. */
async function openSession(params: SessionParams): Promise<{ session: BrowserSession; created: boolean }> {
  const known = sessions.get(params.session);
  if (known && !known.session.isClosed) return { session: touch(known.session), created: false };
  const launched = await launcher.get(params.launch.executablePath);
  if (launched.sandboxOff && sandboxNote === null) {
    sandboxNote = `Chromium runs without its own sandbox: ${launched.sandboxOff}`;
    process.stderr.write(`browser worker: ${sandboxNote}\n`);
  }
  const session = await BrowserSession.open(launched.browser, params.session, params.workspace, params.privateNetwork);
  session.once('closed', () => {
    const entry = sessions.get(params.session);
    if (entry?.session !== session) return;
    clearTimeout(entry.timer);
    sessions.delete(params.session);
    if (sessions.size === 0) scheduleBrowserClose();
  });
  sessions.set(params.session, { session, timer: undefined });
  clearTimeout(browserIdle);
  return { session: touch(session), created: true };
}

/** The session's context; it must have been opened by a navigation. */
function existingSession(key: string): BrowserSession {
  const entry = sessions.get(key);
  if (!entry || entry.session.isClosed || !entry.session.active) {
    throw new AuraError('NOT_FOUND', 'No page is open in this browser.', 'Open one with browser_navigate first.');
  }
  return touch(entry.session);
}

function touch(session: BrowserSession): BrowserSession {
  const entry = sessions.get(session.key);
  if (entry) {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void session.close(), BROWSER_LIMITS.idleMs);
    entry.timer.unref();
  }
  return session;
}

function scheduleBrowserClose(): void {
  clearTimeout(browserIdle);
  browserIdle = setTimeout(() => void launcher.close(), BROWSER_IDLE_MS);
  browserIdle.unref();
}

/** Rejects with CANCELLED when the host cancels the call; the page's own work goes on until the next call. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  // The work may fail after the call was given up (its page closed by the Stop that cancelled it): not a stray rejection.
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new AuraError('CANCELLED', 'The browser action was cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AuraError('CANCELLED', 'The browser action was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function describeEffects(effects: SideEffects, notes: string[] = []) {
  const popups = await Promise.all(effects.popups.map(async (page) => ({ url: page.url(), title: await page.title().catch(() => '') })));
  if (popups.length) notes.push(`${popups.length === 1 ? 'A new page opened' : `${popups.length} new pages opened`}; the newest is now the current page.`);
  return { popups, downloads: effects.downloads, dialogs: effects.dialogs, blocked: effects.blocked, notes: [...effects.notes, ...notes] };
}

const titleOf = (page: Page) => page.title().catch(() => '');

serveWorker(BROWSER_METHODS, {
  async 'browser.navigate'(params, { signal }) {
    const refused = refusedUrl(params.url);
    if (refused) throw new AuraError('FORBIDDEN', refused, 'Open an http or https address.');
    const { session, created } = await openSession(params);
    session.begin(params.privateNetwork, params.workspace);
    // The host ran this call through the permission gate: the user approved this address (or the profile needs no approval).
    session.guard.approve(params.url);
    const notes: string[] = [];
    if (sandboxNote && created) notes.push(sandboxNote);
    const page = await session.page();
    let status: number | null = null;
    try {
      const response = await abortable(page.goto(params.url, { waitUntil: 'load', timeout: params.timeoutMs }), signal);
      status = response?.status() ?? null;
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0]!.replace(/^page\.goto: /, '') : String(err);
      if (/Download is starting/.test(message)) {
        // The address is a file to download, not a page: it is saved in the workspace, and said so.
        await session.downloadStarted(5_000);
        const effects = await describeEffects(await session.finish(), notes);
        const current = session.active ?? page;
        return { url: current.url(), title: await titleOf(current), status: null, text: '', controls: '', truncated: false, ...effects, notes: [...effects.notes, `${params.url} is a download, not a page${effects.downloads.length ? `: saved as ${effects.downloads.map((d) => d.path).join(', ')}` : ''}.`] };
      }
      if (!(err instanceof errors.TimeoutError)) {
        const effects = await session.finish();
        if (/ERR_BLOCKED_BY_CLIENT/.test(message) && effects.blocked.length) throw new AuraError('FORBIDDEN', `The browser refused ${params.url}: ${effects.blocked[0]}`, 'Switch the task to a profile that allows the network, or open a public address.');
        if (err instanceof AuraError) throw err;
        throw new AuraError('IO_ERROR', `Could not open ${params.url}: ${message}`, 'Check the address; is the site up?');
      }
      // Nothing arrived at all: there is no page to read.
      if (page.url() === 'about:blank') throw new AuraError('TIMEOUT', `${params.url} did not answer within ${params.timeoutMs / 1000} s.`, 'Check the address, or try again later.');
      notes.push(`The page did not finish loading within ${params.timeoutMs / 1000} s; this is what had loaded by then.`);
    }
    const current = session.active ?? page;
    // The three reads run on the page's main thread one after the other anyway; asked together, their round trips overlap.
    const [readable, controls, title] = await Promise.all([readablePage(current, READ_TIMEOUT_MS).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))), pageControls(current, READ_TIMEOUT_MS), titleOf(current)]);
    let text = '';
    let truncated = false;
    if (readable instanceof Error) notes.push(`The page's text could not be read: ${readable.message}`);
    else {
      truncated = readable.truncated;
      text = truncated ? `${readable.text}\n\n[… cut here: the page has ${readable.totalChars.toLocaleString('en')} characters of text, of which the first ${readable.text.length.toLocaleString('en')} are shown.]` : readable.text;
    }
    return { url: current.url(), title, status, text, controls, truncated, ...(await describeEffects(await session.finish(), notes)) };
  },

  async 'browser.act'(params, { signal }): Promise<ActionResult> {
    const session = existingSession(params.session);
    session.begin(params.privateNetwork, params.workspace);
    const page = session.active!;
    const before = { url: page.url(), title: await titleOf(page), lines: await shownLines(page, READ_TIMEOUT_MS) };
    try {
      await abortable(runAction(page, params.action, BROWSER_LIMITS.actionTimeoutMs), signal);
    } catch (err) {
      await session.finish();
      throw err;
    }
    const notes: string[] = [];
    await settle(page);
    // A popup the action opened is the current page now (it may have been announced during the settle).
    const after = session.active ?? page;
    if (after !== page) await settle(after);
    if (after.url() !== before.url) {
      // The action started a navigation: what it shows is the new page once it has loaded, within bounds.
      const loaded = await after.waitForLoadState('load', { timeout: BROWSER_LIMITS.navigationTimeoutMs }).then(
        () => true,
        () => false,
      );
      if (!loaded) notes.push('The new page did not finish loading; this is what had loaded.');
      await settle(after);
    }
    const title = await titleOf(after);
    const lines = await shownLines(after, READ_TIMEOUT_MS);
    return { url: after.url(), title, urlChanged: after.url() !== before.url, titleChanged: title !== before.title, newText: newLines(before.lines, lines), ...(await describeEffects(await session.finish(), notes)) };
  },

  async 'browser.screenshot'({ session: key, fullPage }) {
    const page = existingSession(key).active!;
    const png = await page.screenshot({ type: 'png', fullPage, timeout: BROWSER_LIMITS.navigationTimeoutMs });
    // The size is in the PNG's header: bytes 16–23 of its IHDR chunk, big-endian.
    return { png: new Uint8Array(png), width: png.readUInt32BE(16), height: png.readUInt32BE(20), url: page.url(), title: await titleOf(page) };
  },

  async 'browser.close'({ session: key }) {
    const entry = sessions.get(key);
    if (!entry) return { closed: false };
    await entry.session.close();
    return { closed: true };
  },

  async 'browser.liveView'({ session: key }, { signal, progress }) {
    const entry = sessions.get(key);
    if (!entry || entry.session.isClosed) return { ended: 'no-page' as const };
    return liveView(entry.session, signal, progress);
  },

  async 'browser.input'({ session: key, event }) {
    const page = existingSession(key).active!;
    try {
      switch (event.kind) {
        case 'click':
          await page.mouse.click(event.x, event.y, { button: event.button, clickCount: event.clickCount });
          break;
        case 'move':
          await page.mouse.move(event.x, event.y);
          break;
        case 'wheel':
          await page.mouse.move(event.x, event.y);
          await page.mouse.wheel(event.deltaX, event.deltaY);
          break;
        case 'key':
          await page.keyboard.press(event.key);
          break;
        case 'text':
          await page.keyboard.type(event.text);
          break;
      }
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      throw new AuraError(/Unknown key/i.test(message) ? 'BAD_REQUEST' : 'IO_ERROR', message);
    }
    const current = existingSession(key).active ?? page;
    return { url: current.url(), title: await titleOf(current) };
  },
});

// A clean stop closes the browser, so Chromium removes its temporary profile.
process.once('SIGTERM', () => void launcher.close().finally(() => process.exit(0)));
// Playwright can leave a rejection behind when a page or context closes under a call (an acknowledgement
// sent to a closed page, a route continued after its context closed). Such a stray must not take every
// task's browser down with the worker: it goes to the log. Anything thrown synchronously still ends it.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`browser worker: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}\n`);
});
