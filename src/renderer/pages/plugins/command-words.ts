/**
 * Splits a command line typed in the Add server form into its words, as a shell would for plain cases:
 * spaces separate words, "double" and 'single' quotes keep spaces, a backslash escapes the next character
 * outside single quotes. Nothing is expanded: no variables, no globs. Null when a quote is left open.
 */
export function commandWords(line: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += char;
      started = true;
    }
  }
  if (quote) return null;
  if (started) words.push(word);
  return words;
}

/** `KEY=VALUE` or `Name: value` lines of a text box, blank lines left out. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
