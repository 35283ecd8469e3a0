/**
 * SECURITY: the <style> elements Monaco makes (its theme's colours, decoration classes, sash cursors) under
 * the strict CSP, which blocks them. Monaco makes them all in one function (`createStyleSheet` in
 * vs/base/browser/domStylesheets.js), which the build points here (build/monaco-csp-patches.mjs): instead of a
 * <style>, an inert element holding a constructable stylesheet, adopted by its document (or shadow root)
 * while it is connected, exactly as a <style> applies only while it is in the page. What Monaco writes to
 * its `textContent` replaces the sheet's rules; its `sheet` is the constructable sheet, so `insertRule`
 * works too. The CSSOM is not subject to `style-src`; no <style> element exists for anything else to fill.
 */

const TAG = 'aura-monaco-style';

class MonacoStyleElement extends HTMLElement {
  readonly #sheet = new CSSStyleSheet();
  #css = '';
  #root: Document | ShadowRoot | null = null;

  override get textContent(): string {
    return this.#css;
  }

  override set textContent(css: string | null) {
    this.#css = css ?? '';
    this.#sheet.replaceSync(this.#css);
  }

  override get innerText(): string {
    return this.#css;
  }

  override set innerText(css: string) {
    this.textContent = css;
  }

  get sheet(): CSSStyleSheet {
    return this.#sheet;
  }

  /** Set by Monaco on a <style>; kept on the sheet. */
  set media(media: string) {
    this.#sheet.media.mediaText = media;
  }

  get media(): string {
    return this.#sheet.media.mediaText;
  }

  /** `type = 'text/css'`: the only type a constructable sheet has. */
  type = 'text/css';

  connectedCallback(): void {
    const root = this.getRootNode();
    if (!(root instanceof Document || root instanceof ShadowRoot)) return;
    this.#root = root;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
  }

  disconnectedCallback(): void {
    const root = this.#root;
    this.#root = null;
    if (root) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== this.#sheet);
  }
}

/** What Monaco gets where it asked for `document.createElement('style')`. */
export function styleElement(): HTMLStyleElement {
  if (!customElements.get(TAG)) customElements.define(TAG, MonacoStyleElement);
  const element = document.createElement(TAG);
  element.hidden = true;
  return element as unknown as HTMLStyleElement;
}
