import type { Terminal } from '@xterm/xterm';

/**
 * SECURITY: xterm.js under the page's strict CSP (`style-src 'self'`, no 'unsafe-inline'), without
 * loosening it.
 *
 * xterm's static CSS ships as a stylesheet through Vite (xterm.css, imported by TerminalScreen). What it
 * styles at run time goes three ways, checked in Chromium under this CSP:
 * - three <style> elements made in `open()` (the theme's colours, the cell size, the scrollbar's colours):
 *   blocked by `style-src`. During that one synchronous call, and only then, `document.createElement
 *   ('style')` hands xterm a <template> instead (inert, never rendered, never parsed as CSS), and the text
 *   xterm writes into each is mirrored into a constructable stylesheet adopted by the document: the CSSOM
 *   is not subject to `style-src`, and no <style> element exists for anything else to fill.
 * - a `style` attribute on cells with 24-bit colours (`setAttribute('style', …)`): blocked as an inline
 *   style. The DOM renderer's one method that does it is replaced by the same change through
 *   `element.style` (CSSOM, allowed). It is an internal of xterm: checked by name, and the Terminal e2e
 *   test prints 24-bit colours and fails on any CSP violation, so an xterm upgrade cannot break it quietly.
 * - `element.style.x = …` everywhere else: CSSOM, allowed.
 * Parser-inserted <style> and style attributes (injected markup) stay blocked as before.
 */
export function openUnderCsp(terminal: Terminal, parent: HTMLElement): () => void {
  const doc = parent.ownerDocument;
  const holders: HTMLElement[] = [];
  const own = Object.getOwnPropertyDescriptor(doc, 'createElement');
  const create = doc.createElement;
  const substitute = function (this: Document, tagName: string, options?: ElementCreationOptions): HTMLElement {
    if (tagName.toLowerCase() !== 'style') return create.call(doc, tagName, options);
    const holder = create.call(doc, 'template');
    holders.push(holder);
    return holder;
  };
  Object.defineProperty(doc, 'createElement', { value: substitute, configurable: true, writable: true });
  try {
    terminal.open(parent);
  } finally {
    if (own) Object.defineProperty(doc, 'createElement', own);
    else delete (doc as { createElement?: unknown }).createElement;
  }

  const mirrors = holders.map((holder) => {
    const sheet = new CSSStyleSheet();
    const sync = () => sheet.replaceSync(holder.textContent ?? '');
    sync();
    const observer = new MutationObserver(sync);
    observer.observe(holder, { childList: true, characterData: true, subtree: true });
    return { sheet, observer };
  });
  const sheets = new Set(mirrors.map((mirror) => mirror.sheet));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, ...sheets];
  styleCellsThroughCssom(terminal);

  return () => {
    for (const mirror of mirrors) mirror.observer.disconnect();
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((sheet) => !sheets.has(sheet));
  };
}

interface RowFactory {
  _addStyle?: (element: HTMLElement, style: string) => void;
}

/** The DOM renderer's cell styling (24-bit colours) through `element.style`, which the CSP allows. */
function styleCellsThroughCssom(terminal: Terminal): void {
  const core = (terminal as unknown as { _core?: { _renderService?: { _renderer?: { value?: { _rowFactory?: RowFactory } } } } })._core;
  const factory = core?._renderService?._renderer?.value?._rowFactory;
  if (typeof factory?._addStyle !== 'function') return;
  factory._addStyle = (element, style) => {
    element.style.cssText += `${style};`;
  };
}
