/**
 * SECURITY: Monaco under the page's strict CSP (`style-src 'self'`: no inline style attributes), without
 * loosening it. Monaco renders its lines as HTML strings with `style="top:…;height:…"` and parses them with
 * `innerHTML`; the CSP drops those attributes (a violation report each, and lines drawn on top of each
 * other). Every such string passes through a trusted-types policy of ours first (MonacoEnvironment), which
 * renames the attribute to `data-aura-style`; when the nodes reach the document, the same declarations are
 * set through `element.style` (the CSSOM, which `style-src` does not govern). Parser-inserted style
 * attributes anywhere else stay blocked as before: only markup Monaco builds itself goes through here.
 */

/** Where a style attribute's text waits until it is applied through the CSSOM. */
export const MOVED_STYLE = 'data-aura-style';

// A start tag, with attribute values quoted or not; text between tags is escaped by Monaco (`&lt;`).
const START_TAG = /<[A-Za-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
// One attribute of a start tag, its value consumed whole, so a name is never matched inside a value.
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** The same markup with each start tag's `style` attribute renamed to `data-aura-style`; text untouched. */
export function moveStyleAttributes(html: string): string {
  if (!/style/i.test(html)) return html;
  return html.replace(START_TAG, (tag) => tag.replace(ATTRIBUTE, (whole, space: string, name: string, value: string | undefined) => (name.toLowerCase() === 'style' ? `${space}${MOVED_STYLE}${value ?? ''}` : whole)));
}

let scratch: CSSStyleDeclaration | undefined;

/**
 * Sets the moved declarations of `root` and the elements under it through the CSSOM. A property the code
 * already set through `element.style` since the markup was parsed keeps that newer value.
 */
export function applyMovedStyles(root: Element): void {
  const targets = root.hasAttribute(MOVED_STYLE) ? [root, ...root.querySelectorAll(`[${MOVED_STYLE}]`)] : root.querySelectorAll(`[${MOVED_STYLE}]`);
  for (const element of targets) {
    const css = element.getAttribute(MOVED_STYLE) ?? '';
    element.removeAttribute(MOVED_STYLE);
    if (!(element instanceof HTMLElement || element instanceof SVGElement)) continue;
    scratch ??= document.createElement('div').style;
    scratch.cssText = css;
    for (let index = 0; index < scratch.length; index++) {
      const property = scratch.item(index);
      if (element.style.getPropertyValue(property) === '') element.style.setProperty(property, scratch.getPropertyValue(property), scratch.getPropertyPriority(property));
    }
  }
}

let observer: MutationObserver | undefined;
let watchers = 0;

/**
 * Applies moved styles to whatever Monaco adds to the document, while at least one editor is open (Monaco
 * also measures text in nodes it adds to <body>). Mutation records arrive before the next paint.
 */
export function watchMovedStyles(): () => void {
  watchers += 1;
  if (!observer) {
    observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) applyMovedStyles(node);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    watchers -= 1;
    if (watchers === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
