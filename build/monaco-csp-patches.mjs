/**
 * SECURITY: the few edits the build makes to Monaco's own modules so it runs under the renderer's strict
 * CSP (`style-src 'self'`, no inline styles) instead of the CSP being loosened for it. Each is a change of
 * a known line; if an upgrade of monaco-editor moves one, the build fails here rather than Monaco quietly
 * breaking (and the Approvals e2e test fails on any CSP violation).
 * - <style> elements → constructable stylesheets (monaco-styles.ts).
 * - `setAttribute('style', …)` → the same text through `element.style` (the CSSOM, allowed).
 * Styles in the HTML Monaco parses are handled at run time (style-attributes.ts).
 */

/** The module id the patched modules import the style element from (resolved by the Vite plugin). */
export const MONACO_STYLES_MODULE = 'aura:monaco-styles';

/**
 * @typedef {object} SourcePatch
 * @property {string} file The module, relative to monaco-editor/esm/.
 * @property {string | RegExp} find
 * @property {string} replace
 * @property {string} [prepend] Added at the top of the module.
 */

const STYLE_ELEMENT = "document.createElement('style')";
const importStyleElement = `import { styleElement as __auraStyleElement } from '${MONACO_STYLES_MODULE}';\n`;

/** @type {readonly SourcePatch[]} */
const PATCHES = [
  { file: 'vs/base/browser/domStylesheets.js', find: STYLE_ELEMENT, replace: '__auraStyleElement()', prepend: importStyleElement },
  { file: 'vs/base/browser/ui/contextview/contextview.js', find: STYLE_ELEMENT, replace: '__auraStyleElement()', prepend: importStyleElement },
  // The `$()` element builder sets every attribute it is given, `style` included.
  { file: 'vs/base/browser/dom.js', find: 'result.setAttribute(name, value);', replace: "if (name === 'style') { result.style.cssText = value; } else { result.setAttribute(name, value); }" },
  // The inline diff's "deleted" margin markers.
  { file: 'vs/editor/browser/widget/diffEditor/components/diffEditorViewZones/diffEditorViewZones.js', find: /marginElement\.setAttribute\('style', (`[^`]*`)\);/, replace: 'marginElement.style.cssText = $1;' },
];

/**
 * Monaco's module with the CSP patches applied, or null when `id` is not one that needs them.
 * @param {string} id
 * @param {string} code
 * @returns {string | null}
 */
export function patchMonacoModule(id, code) {
  const path = id.split('?')[0]?.replace(/\\/g, '/') ?? '';
  const patches = PATCHES.filter((patch) => path.endsWith(`/monaco-editor/esm/${patch.file}`));
  if (patches.length === 0) return null;
  let patched = code;
  for (const patch of patches) {
    const found = typeof patch.find === 'string' ? patched.includes(patch.find) : patch.find.test(patched);
    if (!found) throw new Error(`monaco-editor changed: ${patch.file} no longer contains ${String(patch.find)}. Update build/monaco-csp-patches.mjs so Monaco stays within the CSP.`);
    patched = typeof patch.find === 'string' ? patched.split(patch.find).join(patch.replace) : patched.replace(new RegExp(patch.find.source, 'g'), patch.replace);
    if (patch.prepend) patched = patch.prepend + patched;
  }
  return patched;
}

/**
 * The Vite plugin: patches Monaco's modules as they are bundled, and resolves the style element's module
 * to `stylesModule` (src/renderer/components/monaco/monaco-styles.ts).
 * @param {string} stylesModule
 * @returns {import('vite').Plugin}
 */
export function monacoCsp(stylesModule) {
  return {
    name: 'aura-monaco-csp',
    enforce: 'pre',
    resolveId: (id) => (id === MONACO_STYLES_MODULE ? stylesModule : null),
    transform(code, id) {
      const patched = patchMonacoModule(id, code);
      return patched === null ? null : { code: patched, map: null };
    },
  };
}
