import { EventEmitter } from 'node:events';
import { linkSync, mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { BROWSER_LIMITS, type PrivateNetwork } from '../../shared/browser';
import { RequestGuard } from './network-policy';

/** What happened on the side of one call: popups, downloads, dialogs, refused requests, notes. */
export interface SideEffects {
  popups: Page[];
  downloads: { path: string; name: string }[];
  dialogs: string[];
  blocked: string[];
  notes: string[];
}

const emptyEffects = (): SideEffects => ({ popups: [], downloads: [], dialogs: [], blocked: [], notes: [] });
/** Refused requests listed per call at most: a page can make thousands. */
const MAX_BLOCKED = 20;
/** How long the end of a call waits for downloads it started to be saved. */
const DOWNLOAD_WAIT_MS = 30_000;

/**
 * One task's browser: an isolated context (its own cookies, storage and cache, nothing shared with other
 * tasks), its open pages with the current one, and the request guard every request of its pages passes.
 * Popups become pages of the same context, and the current page; downloads are saved in the workspace;
 * dialogs are answered so that a page never hangs on one. Emits `active` when the current page changes,
 * `page` when it navigates, and `closed`.
 */
export class BrowserSession extends EventEmitter {
  readonly guard = new RequestGuard();
  private readonly pages: Page[] = [];
  private effects = emptyEffects();
  private readonly pendingDownloads = new Set<Promise<void>>();
  private closed = false;
  /** Set while this session opens a page itself: that one is no popup. */
  private opening = false;
  workspace: string;

  private constructor(
    readonly key: string,
    private readonly context: BrowserContext,
    workspace: string,
  ) {
    super();
    this.workspace = workspace;
  }

  static async open(browser: Browser, key: string, workspace: string, policy: PrivateNetwork): Promise<BrowserSession> {
    const context = await browser.newContext({
      viewport: BROWSER_LIMITS.viewport,
      acceptDownloads: true,
      // Requests of service workers bypass the context's routes: no service workers, so none escape the guard.
      serviceWorkers: 'block',
    });
    const session = new BrowserSession(key, context, workspace);
    session.guard.policy = policy;
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      const refused = await session.guard.check(url);
      if (refused === null) return route.fallback();
      session.block(url, refused);
      return route.abort('blockedbyclient');
    });
    await context.routeWebSocket(/.*/, async (socket) => {
      const refused = await session.guard.check(socket.url());
      if (refused === null) return void socket.connectToServer();
      session.block(socket.url(), refused);
      await socket.close({ code: 1008, reason: 'Refused by Aura Work' });
    });
    context.on('page', (page) => session.adopt(page, !session.opening));
    context.on('close', () => session.markClosed());
    return session;
  }

  /** The page actions and reads go to: the newest open page. */
  get active(): Page | undefined {
    return this.pages.at(-1);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The current page, opened (blank) if there is none yet. */
  async page(): Promise<Page> {
    const active = this.active;
    if (active) return active;
    this.opening = true;
    try {
      const page = await this.context.newPage();
      this.adopt(page, false);
      return page;
    } finally {
      this.opening = false;
    }
  }

  /** Starts collecting the side effects of a call; `finish` hands them over. */
  begin(policy: PrivateNetwork, workspace: string): void {
    this.guard.policy = policy;
    this.workspace = workspace;
    this.effects = emptyEffects();
  }

  note(text: string): void {
    this.effects.notes.push(text);
  }

  /** Resolves once a download of this call has started, or after `timeoutMs`. */
  async downloadStarted(timeoutMs: number): Promise<void> {
    if (this.pendingDownloads.size || this.effects.downloads.length) return;
    let timer: NodeJS.Timeout | undefined;
    let listener: (() => void) | undefined;
    await new Promise<void>((resolve) => {
      listener = resolve;
      this.once('download', listener);
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    if (listener) this.off('download', listener);
  }

  /** The call's side effects, once the downloads it started are saved (or a bound passed). */
  async finish(): Promise<SideEffects> {
    if (this.pendingDownloads.size) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, DOWNLOAD_WAIT_MS)));
      await Promise.race([Promise.allSettled([...this.pendingDownloads]), bound]);
      clearTimeout(timer);
      if (this.pendingDownloads.size) this.effects.notes.push('A download was still running when this call ended; it is saved in the workspace’s downloads folder when it completes.');
    }
    const effects = this.effects;
    this.effects = emptyEffects();
    return effects;
  }

  async close(): Promise<void> {
    this.markClosed();
    await this.context.close().catch(() => undefined);
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('closed');
  }

  private block(url: string, reason: string): void {
    if (this.effects.blocked.length < MAX_BLOCKED) this.effects.blocked.push(`${url.slice(0, 300)}: ${reason}`);
  }

  private adopt(page: Page, popup: boolean): void {
    if (this.pages.includes(page)) return;
    this.pages.push(page);
    if (popup) this.effects.popups.push(page);
    page.on('dialog', (dialog) => {
      this.effects.dialogs.push(`${dialog.type()}: ${dialog.message().slice(0, 500)}`);
      // An alert only needs acknowledging; a question gets "no", so nothing is confirmed behind the user's back.
      void (dialog.type() === 'alert' || dialog.type() === 'beforeunload' ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
    });
    page.on('download', (download) => {
      const saving = this.save(download).finally(() => this.pendingDownloads.delete(saving));
      this.pendingDownloads.add(saving);
      this.emit('download');
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && page === this.active) this.emit('page', page);
    });
    // The title is known once the document is parsed, after the navigation was committed.
    page.on('domcontentloaded', () => {
      if (page === this.active) this.emit('page', page);
    });
    page.on('close', () => {
      const index = this.pages.indexOf(page);
      if (index < 0) return;
      const wasActive = page === this.active;
      this.pages.splice(index, 1);
      if (wasActive) this.emit('active', this.active);
    });
    this.emit('active', page);
  }

  /** Saves a download as `<workspace>/downloads/<name>`, never over an existing file, in one rename. */
  private async save(download: Download): Promise<void> {
    const dir = join(this.workspace, 'downloads');
    const name = safeFileName(download.suggestedFilename());
    const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.part`);
    try {
      mkdirSync(dir, { recursive: true });
      await download.saveAs(temp);
      const target = placeWithoutOverwrite(temp, dir, name);
      this.effects.downloads.push({ path: target, name: basename(target) });
    } catch (err) {
      rmSync(temp, { force: true });
      this.effects.notes.push(`The download ${name} could not be saved: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
}

/** A download's suggested name as a plain file name: no folders, no control characters, no leading dot. */
function safeFileName(suggested: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const name = basename(suggested.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').slice(0, 200);
  return name || 'download';
}

/**
 * Moves the finished `temp` to `name` in `dir`, or `name (2)`, `name (3)`…: a hard link never replaces an
 * existing file (EEXIST), so neither a file of the user's nor a download saved in the same moment is lost.
 */
function placeWithoutOverwrite(temp: string, dir: string, name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; n < 1000; n += 1) {
    const target = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      linkSync(temp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    rmSync(temp, { force: true });
    return target;
  }
  throw new Error(`the downloads folder already holds 999 files named like ${name}`);
}
