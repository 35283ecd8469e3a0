import { describe, expect, it } from '@jest/globals';
import { languageForPath } from './monaco-language';

const LANGUAGES = [
  { id: 'plaintext', extensions: ['.txt'] },
  { id: 'typescript', extensions: ['.ts', '.tsx'] },
  { id: 'declaration', extensions: ['.d.ts'] },
  { id: 'dockerfile', extensions: ['.dockerfile'], filenames: ['Dockerfile'] },
  { id: 'markdown', extensions: ['.md', '.MARKDOWN'] },
];

describe('languageForPath', () => {
  it('guesses by file name, then by the longest extension, ignoring case and folders', () => {
    expect(languageForPath('src/app.TS', LANGUAGES)).toBe('typescript');
    expect(languageForPath('types/index.d.ts', LANGUAGES)).toBe('declaration');
    expect(languageForPath('deploy/Dockerfile', LANGUAGES)).toBe('dockerfile');
    expect(languageForPath('a\\b\\README.markdown', LANGUAGES)).toBe('markdown');
  });

  it('falls back to plain text for unknown or extension-only names', () => {
    expect(languageForPath('notes.unknown', LANGUAGES)).toBe('plaintext');
    expect(languageForPath('Makefile', LANGUAGES)).toBe('plaintext');
    expect(languageForPath('.ts', LANGUAGES)).toBe('typescript');
    expect(languageForPath('', LANGUAGES)).toBe('plaintext');
  });
});
