import { describe, expect, it } from '@jest/globals';
import ar from '../../../resources/locales/ar.json';
import en from '../../../resources/locales/en.json';
import fr from '../../../resources/locales/fr.json';
import { ErrorCode } from '../../shared/errors';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every leaf key, with plural forms folded into their base key. */
function keys(tree: object, prefix = ''): Set<string> {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const inner of keys(value as object, path)) found.add(inner);
    else found.add(path.replace(PLURAL_SUFFIX, ''));
  }
  return found;
}

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value && typeof value === 'object' ? leaves(value as object, path) : [[path, String(value)] as [string, string]];
  });
}

/** The placeholders and markup a translation must keep: `{{name}}`, `<hash>` … */
const tokens = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}|<\/?(\w+)>/g)].map((m) => m[0].replace(/\s+/g, '')).sort();

describe('locale catalogues', () => {
  const reference = keys(en);

  it.each([
    ['ar', ar],
    ['fr', fr],
  ])('%s has exactly the keys of en', (_name, catalogue) => {
    expect([...keys(catalogue)].sort()).toEqual([...reference].sort());
  });

  it.each([
    ['ar', ar],
    ['fr', fr],
  ])('%s keeps the placeholders and tags of en', (_name, catalogue) => {
    const english = new Map(leaves(en).map(([key, text]) => [key.replace(PLURAL_SUFFIX, ''), text]));
    for (const [key, text] of leaves(catalogue)) {
      const base = key.replace(PLURAL_SUFFIX, '');
      const source = english.get(base) ?? '';
      // Arabic may spell out small counts ("one entry") instead of printing the number.
      const drop = (list: string[]) => list.filter((token) => !token.startsWith('{{count'));
      expect({ key, tokens: drop(tokens(text)) }).toEqual({ key, tokens: drop(tokens(source)) });
    }
  });

  it('has no empty strings', () => {
    for (const catalogue of [en, ar, fr]) for (const [key, text] of leaves(catalogue)) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });
});

describe('error codes', () => {
  it.each([
    ['en', en],
    ['ar', ar],
    ['fr', fr],
  ])('each has a title and a hint in %s, so no surface shows the host’s English instead', (_name, catalogue) => {
    const codes = (catalogue as { errors: { codes: Record<string, { title?: string; hint?: string }> } }).errors.codes;
    for (const code of ErrorCode.options) {
      expect(codes[code]?.title).toEqual(expect.any(String));
      expect(codes[code]?.hint).toEqual(expect.any(String));
    }
  });
});
