import { z } from 'zod';
import { ErrorShape } from './errors';
import { ImageOutput } from './image-output';
import type { WorkerMethods } from './worker-protocol';

/**
 * The agent's browser: a Chromium-family browser driven by the browser worker (src/workers/browser) on
 * playwright-core, one isolated context per task. These schemas are the browser tools' inputs and
 * outputs, the worker's method table (host ↔ worker), and the Browser page's procedures and events.
 */

/** The worker's name: src/workers/browser/main.ts, built to dist/workers/browser.js. */
export const BROWSER_WORKER = 'browser';

export const BROWSER_LIMITS = {
  /** A navigation returns what had loaded by then, with a note, rather than waiting for ever. */
  navigationTimeoutMs: 15_000,
  /** How long an element may take to be there and ready for a click, a fill or a choice. */
  actionTimeoutMs: 10_000,
  maxWaitMs: 60_000,
  /** Readable text `browser_navigate` returns; a longer page is cut, with a note. */
  textChars: 30_000,
  /** The page's links and form controls, as their accessible role and name. */
  controlsChars: 4_000,
  /** New text an action made appear, as its result says it. */
  changeChars: 2_000,
  urlChars: 8_192,
  nameChars: 1_000,
  typeChars: 20_000,
  /** The size of the agent's page, in CSS pixels. */
  viewport: { width: 1280, height: 800 },
  /** Live view: frames per second at most, and the largest frame sent. */
  liveViewFps: 10,
  liveViewMaxWidth: 1280,
  liveViewMaxHeight: 800,
  /** A page stops getting frames when it has not renewed its watch for this long (it closed, or lost its link). */
  watchLeaseMs: 15_000,
  /** Action log entries kept per session. */
  actionLog: 200,
  /** A task's browser context nobody used for this long is closed. */
  idleMs: 30 * 60_000,
} as const;

/** ARIA roles, as Playwright's getByRole knows them. */
export const AriaRole = z.enum([
  'alert', 'alertdialog', 'application', 'article', 'banner', 'blockquote', 'button', 'caption', 'cell', 'checkbox', 'code', 'columnheader', 'combobox',
  'complementary', 'contentinfo', 'definition', 'deletion', 'dialog', 'directory', 'document', 'emphasis', 'feed', 'figure', 'form', 'generic', 'grid',
  'gridcell', 'group', 'heading', 'img', 'insertion', 'link', 'list', 'listbox', 'listitem', 'log', 'main', 'marquee', 'math', 'meter', 'menu', 'menubar',
  'menuitem', 'menuitemcheckbox', 'menuitemradio', 'navigation', 'none', 'note', 'option', 'paragraph', 'presentation', 'progressbar', 'radio', 'radiogroup',
  'region', 'row', 'rowgroup', 'rowheader', 'scrollbar', 'search', 'searchbox', 'separator', 'slider', 'spinbutton', 'status', 'strong', 'subscript',
  'superscript', 'switch', 'tab', 'table', 'tablist', 'tabpanel', 'term', 'textbox', 'time', 'timer', 'toolbar', 'tooltip', 'tree', 'treegrid', 'treeitem',
]);

const Name = z.string().min(1).max(BROWSER_LIMITS.nameChars);

/** How a tool names an element: its accessible role and name (as a screen reader announces it), or its visible text. */
const targetFields = {
  role: AriaRole.optional().describe('The element’s accessible role: button, link, textbox, checkbox, combobox, heading…'),
  name: Name.optional().describe('Its accessible name (label, button text, alt text); with role'),
  text: Name.optional().describe('Visible text of the element, when it has no useful role'),
  exact: z.boolean().optional().describe('Match name/text exactly (case-sensitive, whole string); by default a case-insensitive substring'),
  index: z.number().int().min(0).max(1000).optional().describe('Which one, from 0, when several elements match'),
};
const hasTarget = (target: { role?: unknown; text?: unknown }) => target.role !== undefined || target.text !== undefined;
const TARGET_MESSAGE = 'name the element by role (and name) or by text';

/** An element, as an action names it. */
export const ElementTarget = z.object(targetFields).strict().refine(hasTarget, TARGET_MESSAGE);
export type ElementTarget = z.infer<typeof ElementTarget>;

/** The element fields of a tool's input, without the rest. */
export function targetOf(input: ElementTarget): ElementTarget {
  const { role, name, text, exact, index } = input;
  return { ...(role !== undefined ? { role } : {}), ...(name !== undefined ? { name } : {}), ...(text !== undefined ? { text } : {}), ...(exact !== undefined ? { exact } : {}), ...(index !== undefined ? { index } : {}) };
}

/** `button "Send"`, `text "Next page"`: how an element is named in messages and the action log. */
export function describeTarget(target: ElementTarget): string {
  const parts = [target.role ?? 'text', target.name !== undefined ? JSON.stringify(target.name) : target.role ? '' : JSON.stringify(target.text ?? '')];
  if (target.role && target.text !== undefined) parts.push(`with text ${JSON.stringify(target.text)}`);
  if (target.index !== undefined) parts.push(`#${target.index}`);
  return parts.filter(Boolean).join(' ');
}

export const BrowserNavigateInput = z.object({ url: z.string().min(1).max(BROWSER_LIMITS.urlChars).describe('An http or https URL') }).strict();
export type BrowserNavigateInput = z.infer<typeof BrowserNavigateInput>;

export const BrowserClickInput = z.object(targetFields).strict().refine(hasTarget, TARGET_MESSAGE);
export const BrowserTypeInput = z
  .object({
    ...targetFields,
    value: z.string().max(BROWSER_LIMITS.typeChars).describe('The text to type into the field'),
    clear: z.boolean().optional().describe('Replace what the field holds (the default); false types after it'),
    submit: z.boolean().optional().describe('Press Enter afterwards'),
  })
  .strict()
  .refine(hasTarget, TARGET_MESSAGE);
export const BrowserSelectInput = z
  .object({ ...targetFields, option: z.union([Name, z.array(Name).min(1).max(100)]).describe('The option’s label or value; several for a multiple choice list') })
  .strict()
  .refine(hasTarget, TARGET_MESSAGE);
export const BrowserScrollInput = z
  .object({
    ...targetFields,
    direction: z.enum(['down', 'up', 'top', 'bottom']).optional().describe('Without an element: which way (by default down)'),
    pages: z.number().min(0.1).max(20).optional().describe('How many screens to scroll up or down (by default 1)'),
  })
  .strict();
export const BrowserWaitInput = z
  .object({
    ...targetFields,
    gone: z.boolean().optional().describe('Wait for the element to disappear instead'),
    timeout_ms: z.number().int().min(100).max(BROWSER_LIMITS.maxWaitMs).optional().describe('How long to wait at most (by default 10 s)'),
  })
  .strict();
export const BrowserScreenshotInput = z.object({ full_page: z.boolean().optional().describe('The whole page rather than what is on screen') }).strict();

/** An action on the current page, as the host sends it to the worker. */
export const BrowserAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('click'), target: ElementTarget }),
  z.object({ kind: z.literal('type'), target: ElementTarget, value: z.string().max(BROWSER_LIMITS.typeChars), clear: z.boolean(), submit: z.boolean() }),
  z.object({ kind: z.literal('select'), target: ElementTarget, option: z.array(Name).min(1).max(100) }),
  z.object({ kind: z.literal('scroll'), target: ElementTarget.optional(), direction: z.enum(['down', 'up', 'top', 'bottom']), pages: z.number() }),
  z.object({ kind: z.literal('wait'), target: ElementTarget.optional(), gone: z.boolean(), timeoutMs: z.number().int().min(100).max(BROWSER_LIMITS.maxWaitMs) }),
]);
export type BrowserAction = z.infer<typeof BrowserAction>;

const PageRef = z.object({ url: z.string(), title: z.string() });

/** What happened on the side of a navigation or an action: popups, downloads, dialogs, refused requests. */
const SideEffects = {
  /** Pages the page opened (window.open, target=_blank); the newest is now the current page. */
  popups: z.array(PageRef),
  /** Files the page downloaded, saved in the workspace. */
  downloads: z.array(z.object({ path: z.string(), name: z.string() })),
  /** alert/confirm/prompt texts; each was dismissed (an alert accepted). */
  dialogs: z.array(z.string()),
  /** Requests the browser refused: local schemes, private addresses the profile does not allow. */
  blocked: z.array(z.string()),
  /** Something the agent should know: the page did not finish loading, the worker restarted… */
  notes: z.array(z.string()),
};

export const NavigateResult = z.object({
  url: z.string(),
  title: z.string(),
  /** HTTP status of the page, when it came over HTTP. */
  status: z.number().int().nullable(),
  /** The readable text of the page, as markdown (Readability, then turndown). */
  text: z.string(),
  /** The page's links, buttons and fields as `role "name"` lines, to address them with the other tools. */
  controls: z.string(),
  truncated: z.boolean(),
  ...SideEffects,
});
export type NavigateResult = z.infer<typeof NavigateResult>;

export const ActionResult = z.object({
  url: z.string(),
  title: z.string(),
  urlChanged: z.boolean(),
  titleChanged: z.boolean(),
  /** Lines of text that appeared on the page with the action (a message, a result), cut to a summary. */
  newText: z.string(),
  ...SideEffects,
});
export type ActionResult = z.infer<typeof ActionResult>;

export const ScreenshotResult = ImageOutput.extend({ url: z.string(), title: z.string() });
export type ScreenshotResult = z.infer<typeof ScreenshotResult>;

/** Where a call's browser comes from, and which private addresses it may reach. */
export const BrowserLaunch = z.object({ executablePath: z.string().min(1) }).strict();
/**
 * `allow`: any private address (the profile lets tools use the network unasked). `approved`: only the
 * origins the agent navigated to with browser_navigate, which the user approved (or the profile allowed);
 * a page reaching for any other private address is refused.
 */
export const PrivateNetwork = z.enum(['allow', 'approved']);
export type PrivateNetwork = z.infer<typeof PrivateNetwork>;

const SessionParams = {
  /** One browser context per session: a task id, or the workspace for one-off calls. */
  session: z.string().min(1).max(5000),
  launch: BrowserLaunch,
  privateNetwork: PrivateNetwork,
  /** Where downloads are saved: `<workspace>/downloads`. */
  workspace: z.string().min(1),
};

/** A user's input on the live view, in CSS pixels of the page's viewport. */
export const BrowserInputEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('click'), x: z.number().min(0).max(10_000), y: z.number().min(0).max(10_000), button: z.enum(['left', 'middle', 'right']).default('left'), clickCount: z.number().int().min(1).max(3).default(1) }).strict(),
  z.object({ kind: z.literal('move'), x: z.number().min(0).max(10_000), y: z.number().min(0).max(10_000) }).strict(),
  z.object({ kind: z.literal('wheel'), x: z.number().min(0).max(10_000), y: z.number().min(0).max(10_000), deltaX: z.number().min(-10_000).max(10_000), deltaY: z.number().min(-10_000).max(10_000) }).strict(),
  /** A key with its modifiers, as Playwright names it: `Enter`, `Control+a`, `Shift+Tab`. */
  z.object({ kind: z.literal('key'), key: z.string().min(1).max(60).regex(/^[\w+\-=[\];',./\\`]+$|^[+]$/, 'a key name such as Enter or Control+a') }).strict(),
  /** Printable text, typed as is. */
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(1000) }).strict(),
]);
export type BrowserInputEvent = z.infer<typeof BrowserInputEvent>;

/** A live-view frame: a JPEG, and the page size it shows in CSS pixels (the input events' coordinates). */
export const BrowserFrameData = z.object({ data: z.string(), width: z.number().positive(), height: z.number().positive() });

/** The browser worker's methods. */
export const BROWSER_METHODS = {
  'browser.navigate': {
    params: z.object({ ...SessionParams, url: z.string().min(1).max(BROWSER_LIMITS.urlChars), timeoutMs: z.number().int().min(100).max(120_000) }).strict(),
    result: NavigateResult,
  },
  'browser.act': { params: z.object({ ...SessionParams, action: BrowserAction }).strict(), result: ActionResult },
  'browser.screenshot': {
    params: z.object({ session: z.string().min(1).max(5000), fullPage: z.boolean() }).strict(),
    result: z.object({ png: z.instanceof(Uint8Array), width: z.number().int().positive(), height: z.number().int().positive(), url: z.string(), title: z.string() }),
  },
  'browser.close': { params: z.object({ session: z.string().min(1).max(5000) }).strict(), result: z.object({ closed: z.boolean() }) },
  /**
   * Streams the session's current page as it changes (JPEG frames, at most `liveViewFps` a second), and its
   * address when it changes, until cancelled or the session closes.
   */
  'browser.liveView': {
    params: z.object({ session: z.string().min(1).max(5000) }).strict(),
    result: z.object({ ended: z.enum(['closed', 'no-page']) }),
    progress: z.discriminatedUnion('kind', [z.object({ kind: z.literal('frame'), ...BrowserFrameData.shape }), z.object({ kind: z.literal('page'), ...PageRef.shape })]),
  },
  'browser.input': { params: z.object({ session: z.string().min(1).max(5000), event: BrowserInputEvent }).strict(), result: PageRef },
} as const satisfies WorkerMethods;
export type BrowserMethods = typeof BROWSER_METHODS;

// ── The Browser page ──────────────────────────────────────────────────────────────────────────────

/** Who drives a session's browser: the agent, the user (taken over), or nobody (stopped by the user). */
export const BrowserMode = z.enum(['agent', 'user', 'stopped']);
export type BrowserMode = z.infer<typeof BrowserMode>;

/** One line of a session's action log: an agent's tool call, or what the user did on the page. */
export const BrowserLogEntry = z.object({
  id: z.number().int().nonnegative(),
  at: z.string(),
  by: z.enum(['agent', 'user']),
  /** `navigate`, `click`, `take-over`… */
  action: z.string(),
  /** What it was about: a URL, `button "Send"`. */
  detail: z.string(),
  status: z.enum(['running', 'waiting', 'done', 'failed']),
  /** Where the page was after it, or why it failed. */
  outcome: z.string().nullable(),
  error: ErrorShape.nullable(),
});
export type BrowserLogEntry = z.infer<typeof BrowserLogEntry>;

export const BrowserSession = z.object({
  id: z.string(),
  taskId: z.string().nullable(),
  /** The task's goal, or the workspace folder for one-off calls. */
  label: z.string(),
  mode: BrowserMode,
  url: z.string().nullable(),
  title: z.string().nullable(),
  /** Whether its browser context is open (the task ended, it was stopped, or the worker restarted: closed). */
  open: z.boolean(),
  /** An agent's action is running (or waiting for the user to hand the page back). */
  busy: z.boolean(),
  updatedAt: z.string(),
});
export type BrowserSession = z.infer<typeof BrowserSession>;

export const BrowserSessionDetail = BrowserSession.extend({ log: z.array(BrowserLogEntry) });
export type BrowserSessionDetail = z.infer<typeof BrowserSessionDetail>;

const SessionId = z.object({ sessionId: z.string().min(1).max(5000) }).strict();

/** A procedure of the Browser page: the window's only, never a CLI command or a bridge route. */
const pageProcedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) => ({ input, output, summary, access: 'owner' as const, cli: false as const });

/** The Browser page's procedures, spread into the contract's table. */
export const browserProcedures = {
  'browser.sessions': pageProcedure(z.object({}).strict(), z.array(BrowserSession), 'The agent’s browser sessions'),
  'browser.session': pageProcedure(SessionId, BrowserSessionDetail, 'One browser session with its action log'),
  /** Frames of the session's page come as `browser.frame` while the page renews this within `watchLeaseMs`. */
  'browser.watch': pageProcedure(SessionId, z.object({ watching: z.boolean() }), 'Receive live frames of a browser session'),
  'browser.unwatch': pageProcedure(SessionId, z.object({ watching: z.boolean() }), 'Stop the live frames of a browser session'),
  'browser.takeOver': pageProcedure(SessionId, BrowserSession, 'Drive the agent’s browser yourself; its actions wait meanwhile'),
  'browser.handBack': pageProcedure(SessionId, BrowserSession, 'Give the browser back to the agent'),
  'browser.stop': pageProcedure(SessionId, BrowserSession, 'Stop the agent’s browser actions in this session'),
  'browser.input': pageProcedure(z.object({ sessionId: z.string().min(1).max(5000), event: BrowserInputEvent }).strict(), PageRef, 'A click or key on the live view, while taken over'),
} as const;

export const BrowserFrame = BrowserFrameData.extend({ sessionId: z.string(), seq: z.number().int().nonnegative() });
export type BrowserFrame = z.infer<typeof BrowserFrame>;
export const BrowserLogEvent = z.object({ sessionId: z.string(), entry: BrowserLogEntry });
export type BrowserLogEvent = z.infer<typeof BrowserLogEvent>;

/** The Browser page's events, spread into the contract's table. */
export const browserEvents = {
  /** A frame of a watched session's page, at most `liveViewFps` a second. */
  'browser.frame': BrowserFrame,
  /** A session started, changed hands, moved to another page, or closed. */
  'browser.session': BrowserSession,
  /** An entry of a session's action log, new or updated. */
  'browser.log': BrowserLogEvent,
} as const;

const WEB_SCHEMES = new Set(['http:', 'https:']);

/**
 * SECURITY: why the agent may not open `url`, or null when it may. Only http and https: `file:`, `chrome:`,
 * `view-source:`, `data:`, `javascript:`, `blob:` and every other local scheme are refused, and so is
 * `about:` except about:blank. The worker checks the same for every request a page makes.
 */
export function refusedUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url.slice(0, 200)}" is not a URL.`;
  }
  if (parsed.href === 'about:blank') return null;
  if (!WEB_SCHEMES.has(parsed.protocol)) return `${parsed.protocol} URLs are refused: the agent's browser opens http and https pages only.`;
  return null;
}
