import {
  BrowserClickInput,
  BrowserNavigateInput,
  BrowserScreenshotInput,
  BrowserScrollInput,
  BrowserSelectInput,
  BrowserTypeInput,
  BrowserWaitInput,
  BROWSER_LIMITS,
  describeTarget,
  targetOf,
} from '../../shared/browser';
import { defineTool, type ToolDefinition } from '../tools/tool-definition';
import type { BrowserService } from './browser-service';

const ADDRESSING = 'Name the element by its accessible role and name (role "button", name "Send"), as a screen reader announces it, or by its visible text.';
const CHANGED = 'Returns the URL and title afterwards, whether they changed, and the text that appeared.';

/**
 * The browser tools. Risks, which the permission gate decides by:
 * - `network` for navigate, click, type and select: each can send something to a site (a request, a form,
 *   an order), which the user must be able to approve first under every profile but `yes`. Not `execute`:
 *   nothing runs on the user's machine; the effect is on the web.
 * - `read` for scroll, wait and screenshot: they only look at the page the task already opened (under a
 *   read-only profile there is none, since navigate is refused). Requests a page makes meanwhile pass the
 *   same request guard as any other.
 */
export function browserTools(browser: BrowserService): ToolDefinition[] {
  return [
    defineTool({
      name: 'browser_navigate',
      description: `Open an http(s) page in this task's own browser and read it. Returns the final URL, the title, the page's readable text as markdown (cut at ${BROWSER_LIMITS.textChars.toLocaleString('en')} characters, with a note), and its links, buttons and fields as role "name" lines for the other browser tools. Pages that never finish loading return what had loaded.`,
      risk: 'network',
      source: 'worker',
      inputSchema: BrowserNavigateInput,
      preview: async (input) => ({ kind: 'url', url: input.url, action: { kind: 'open' } }),
      run: (input, ctx) => browser.navigate(input.url, ctx),
    }),
    defineTool({
      name: 'browser_click',
      description: `Click an element of the current page. ${ADDRESSING} ${CHANGED}`,
      risk: 'network',
      source: 'worker',
      inputSchema: BrowserClickInput,
      preview: async (input, ctx) => ({ kind: 'url', url: browser.pageUrl(ctx) ?? '', action: { kind: 'click', target: targetOf(input) } }),
      run: (input, ctx) => browser.act({ kind: 'click', target: targetOf(input) }, describeTarget(input), ctx),
    }),
    defineTool({
      name: 'browser_type',
      description: `Type text into a field of the current page (replacing what it holds unless clear is false), optionally pressing Enter. ${ADDRESSING} ${CHANGED}`,
      risk: 'network',
      source: 'worker',
      inputSchema: BrowserTypeInput,
      preview: async (input, ctx) => ({ kind: 'url', url: browser.pageUrl(ctx) ?? '', action: { kind: 'type', target: targetOf(input), text: input.value, submit: input.submit ?? false } }),
      run: (input, ctx) =>
        browser.act({ kind: 'type', target: targetOf(input), value: input.value, clear: input.clear ?? true, submit: input.submit ?? false }, `${describeTarget(input)} ← ${JSON.stringify(input.value.slice(0, 60))}`, ctx),
    }),
    defineTool({
      name: 'browser_select',
      description: `Choose an option (by label or value) in a drop-down or list of the current page. ${ADDRESSING} ${CHANGED}`,
      risk: 'network',
      source: 'worker',
      inputSchema: BrowserSelectInput,
      preview: async (input, ctx) => ({ kind: 'url', url: browser.pageUrl(ctx) ?? '', action: { kind: 'choose', target: targetOf(input), options: typeof input.option === 'string' ? [input.option] : input.option } }),
      run: (input, ctx) => {
        const option = typeof input.option === 'string' ? [input.option] : input.option;
        return browser.act({ kind: 'select', target: targetOf(input), option }, `${describeTarget(input)} ← ${option.join(', ').slice(0, 80)}`, ctx);
      },
    }),
    defineTool({
      name: 'browser_scroll',
      description: `Scroll the current page: to an element (${ADDRESSING.charAt(0).toLowerCase()}${ADDRESSING.slice(1, -1)}), or by screens up or down, or to its top or bottom. ${CHANGED}`,
      risk: 'read',
      source: 'worker',
      inputSchema: BrowserScrollInput,
      run: (input, ctx) => {
        const target = input.role !== undefined || input.text !== undefined ? targetOf(input) : undefined;
        const direction = input.direction ?? 'down';
        return browser.act({ kind: 'scroll', ...(target ? { target } : {}), direction, pages: input.pages ?? 1 }, target ? describeTarget(target) : direction, ctx);
      },
    }),
    defineTool({
      name: 'browser_wait',
      description: `Wait until an element appears on the current page (or disappears, with gone), or, without an element, until the page has loaded. ${ADDRESSING} ${CHANGED}`,
      risk: 'read',
      source: 'worker',
      inputSchema: BrowserWaitInput,
      run: (input, ctx) => {
        const target = input.role !== undefined || input.text !== undefined ? targetOf(input) : undefined;
        const action = { kind: 'wait' as const, ...(target ? { target } : {}), gone: input.gone ?? false, timeoutMs: input.timeout_ms ?? BROWSER_LIMITS.actionTimeoutMs };
        return browser.act(action, target ? `${input.gone ? 'gone: ' : ''}${describeTarget(target)}` : 'page loaded', ctx);
      },
    }),
    defineTool({
      name: 'browser_screenshot',
      description: 'Take a PNG screenshot of the current page (what is on screen, or the whole page). Returns the image file’s path and size, with the page’s URL and title; a model that reads images is shown the image.',
      risk: 'read',
      source: 'worker',
      inputSchema: BrowserScreenshotInput,
      run: (input, ctx) => browser.screenshot(input.full_page ?? false, ctx),
    }),
  ];
}
