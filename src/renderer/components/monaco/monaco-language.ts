/** What Monaco says of a language it knows (`monaco.languages.getLanguages()`), as far as a guess needs. */
export interface KnownLanguage {
  id: string;
  extensions?: string[];
  filenames?: string[];
}

/**
 * The language to colour a file with, from its name: an exact file name first (Dockerfile, Makefile), then
 * the longest matching extension (`.d.ts` before `.ts`), case-insensitively; plain text when none fits.
 */
export function languageForPath(path: string, languages: readonly KnownLanguage[]): string {
  const name = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  let best: { id: string; length: number } | null = null;
  for (const language of languages) {
    if (language.filenames?.some((file) => file.toLowerCase() === name)) return language.id;
    for (const extension of language.extensions ?? []) {
      const ext = extension.toLowerCase();
      if (name.endsWith(ext) && (!best || ext.length > best.length)) best = { id: language.id, length: ext.length };
    }
  }
  return best?.id ?? 'plaintext';
}
