import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MONACO_STYLES_MODULE, patchMonacoModule } from '../../build/monaco-csp-patches.mjs';

const ESM = join(__dirname, '..', '..', 'node_modules', 'monaco-editor', 'esm');
const patched = (file: string) => {
  const id = join(ESM, file);
  const result = patchMonacoModule(id, readFileSync(id, 'utf8'));
  if (result === null) throw new Error(`${file} was not patched`);
  return result;
};

describe('the Monaco CSP patches, against the installed monaco-editor', () => {
  it('makes every <style> element a constructable sheet', () => {
    for (const file of ['vs/base/browser/domStylesheets.js', 'vs/base/browser/ui/contextview/contextview.js']) {
      const code = patched(file);
      expect(code).not.toContain("createElement('style')");
      expect(code.startsWith(`import { styleElement as __auraStyleElement } from '${MONACO_STYLES_MODULE}';`)).toBe(true);
    }
  });

  it('sets style attributes through the CSSOM', () => {
    expect(patched('vs/base/browser/dom.js')).toContain("if (name === 'style') { result.style.cssText = value; }");
    const zones = patched('vs/editor/browser/widget/diffEditor/components/diffEditorViewZones/diffEditorViewZones.js');
    expect(zones).not.toMatch(/setAttribute\('style'/);
    expect(zones).toContain('marginElement.style.cssText = `position:absolute;');
  });

  it('leaves other modules alone, and fails loudly when a patched line has moved', () => {
    expect(patchMonacoModule(join(ESM, 'vs/editor/editor.api.js'), 'code')).toBeNull();
    expect(patchMonacoModule('/x/app/src/dom.js', 'code')).toBeNull();
    expect(() => patchMonacoModule(join(ESM, 'vs/base/browser/dom.js'), 'rewritten')).toThrow(/monaco-editor changed/);
  });

  it('leaves no other <style> element or style attribute setter in the editor', () => {
    // A new one in an upgrade would be a CSP violation: this lists where to look.
    const hits = execFileSync('grep', ['-rlE', "createElement\\('style'\\)|setAttribute\\('style'", join(ESM, 'vs', 'editor'), join(ESM, 'vs', 'base'), join(ESM, 'vs', 'platform')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((file) => file.slice(ESM.length + 1))
      .sort();
    expect(hits).toEqual(['vs/base/browser/domStylesheets.js', 'vs/base/browser/ui/contextview/contextview.js', 'vs/editor/browser/widget/diffEditor/components/diffEditorViewZones/diffEditorViewZones.js'].sort());
  });
});
