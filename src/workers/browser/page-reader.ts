import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { BROWSER_LIMITS } from '../../shared/browser';

/**
 * Reading a page: its readable text as markdown (@mozilla/readability on a copy of the live DOM, then
 * turndown), the text it shows (to tell what an action changed), and its controls by role and name.
 * Scripts run in an isolated world of the page: they see its DOM, not its JavaScript, so a page's own
 * globals (or its tampering with built-ins) cannot change what they do.
 */

let readerScript: string | undefined;

/** Readability and turndown's browser build, wrapped so that they define nothing outside the call. */
function readerSource(): string {
  if (readerScript) return readerScript;
  const readability = readFileSync(require.resolve('@mozilla/readability/Readability.js'), 'utf8');
  const turndown = readFileSync(require.resolve('turndown/lib/turndown.browser.umd.js'), 'utf8');
  readerScript = `(function () {
    // Each library in a scope of its own, handed a CommonJS module to fill: nothing lands on the world's globals.
    var TurndownService = (function () { var module = { exports: {} }; var exports = module.exports; var define;
      ${turndown}
      ; return module.exports; })();
    var Readability = (function () { var module = { exports: {} };
      ${readability}
      ; return module.exports; })();
    var clone = document.cloneNode(true);
    var article = null;
    try { article = new Readability(clone, { charThreshold: 200 }).parse(); } catch (e) { article = null; }
    var html;
    var readable = Boolean(article && article.textContent && article.textContent.trim().length >= 200);
    if (readable) html = article.content;
    else {
      var body = document.body ? document.body.cloneNode(true) : document.createElement('body');
      body.querySelectorAll('script, style, noscript, template, svg, canvas, iframe').forEach(function (n) { n.remove(); });
      html = body.innerHTML;
    }
    var service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
    service.remove(['script', 'style', 'noscript']);
    return { markdown: service.turndown(html || ''), readable: readable };
  })()`;
  return readerScript;
}

/** The text the page shows, line by line, as `innerText` lays it out. */
const SHOWN_TEXT = `(function () { return document.body ? document.body.innerText : ''; })()`;

/** Waits until the DOM has been quiet for a moment (or a bound passed): what an action set off has landed. */
const SETTLE = (quietMs: number, maxMs: number) => `new Promise(function (resolve) {
  var timer, done = false;
  function finish() { if (done) return; done = true; observer.disconnect(); resolve(true); }
  var observer = new MutationObserver(function () { clearTimeout(timer); timer = setTimeout(finish, ${quietMs}); });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  timer = setTimeout(finish, ${quietMs});
  setTimeout(finish, ${maxMs});
})`;

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function cdpOf(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
    session.catch(() => sessions.delete(page));
  }
  return session;
}

/** Runs `expression` in an isolated world of the page's main frame, and returns its value. */
async function evaluateIsolated<T>(page: Page, expression: string, timeoutMs: number): Promise<T> {
  const run = async () => {
    const cdp = await cdpOf(page);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'aura-reader', grantUniveralAccess: false });
    const reply = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description?.split('\n')[0] ?? reply.exceptionDetails.text);
    return reply.result.value as T;
  };
  // A page whose own script never yields blocks its main thread, and every evaluation with it.
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the page did not answer within ${timeoutMs / 1000} s (a script of its own may be busy)`)), timeoutMs)));
  try {
    return await Promise.race([run(), bound]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadablePage {
  text: string;
  truncated: boolean;
  totalChars: number;
}

/** The page's readable text as markdown, cut at `BROWSER_LIMITS.textChars`. */
export async function readablePage(page: Page, timeoutMs: number): Promise<ReadablePage> {
  const { markdown } = await evaluateIsolated<{ markdown: string; readable: boolean }>(page, readerSource(), timeoutMs);
  const clean = markdown.replace(/\n{3,}/g, '\n\n').trim();
  const limit = BROWSER_LIMITS.textChars;
  if (clean.length <= limit) return { text: clean, truncated: false, totalChars: clean.length };
  return { text: clean.slice(0, limit), truncated: true, totalChars: clean.length };
}

/** The lines of text the page shows; empty when it cannot be read (it is busy, or gone). */
export async function shownLines(page: Page, timeoutMs: number): Promise<string[]> {
  try {
    const text = await evaluateIsolated<string>(page, SHOWN_TEXT, timeoutMs);
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** Resolves once the page's DOM has been quiet for `quietMs`, or after `maxMs`, whichever is first. */
export async function settle(page: Page, quietMs = 150, maxMs = 1500): Promise<void> {
  await evaluateIsolated(page, SETTLE(quietMs, maxMs), maxMs + 1000).catch(() => undefined);
}

/** Lines of `after` that were not in `before` (counted, so a repeated line that appears once more counts), as one summary. */
export function newLines(before: string[], after: string[]): string {
  const seen = new Map<string, number>();
  for (const line of before) seen.set(line, (seen.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of after) {
    const count = seen.get(line) ?? 0;
    if (count > 0) seen.set(line, count - 1);
    else added.push(line);
  }
  const text = added.join('\n');
  const limit = BROWSER_LIMITS.changeChars;
  return text.length <= limit ? text : `${text.slice(0, limit)}\n[… ${text.length - limit} more characters of new text]`;
}

const CONTROL = /^- (button|link|textbox|searchbox|checkbox|radio|combobox|listbox|option|switch|slider|spinbutton|menuitem|menuitemcheckbox|menuitemradio|tab)\b/;

/** The page's links, buttons and fields as `role "name"` lines, from its accessibility tree. */
export async function pageControls(page: Page, timeoutMs: number): Promise<string> {
  let snapshot: string;
  try {
    snapshot = await page.locator('body').ariaSnapshot({ timeout: timeoutMs });
  } catch {
    return '';
  }
  const lines = snapshot
    .split('\n')
    .map((line) => line.trim().replace(/:$/, ''))
    .filter((line) => CONTROL.test(line))
    .map((line) => line.slice(2));
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > BROWSER_LIMITS.controlsChars) {
      kept.push(`… and ${lines.length - kept.length} more`);
      break;
    }
    kept.push(line);
    size += line.length + 1;
  }
  return kept.join('\n');
}
