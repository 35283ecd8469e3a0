/** Inputs for the Markdown tests: shapes of text that are slow to parse, as functions of their length. */

/** Shapes that make micromark take quadratic time or more, each about `size` characters long. */
export const HOSTILE_SHAPES: Record<string, (size: number) => string> = {
  'one long emphasis run': (size) => `${'*'.repeat(size / 2)}a${'*'.repeat(size / 2)}`,
  'emphasis opened again and again': (size) => `${'*a '.repeat(size / 6)}${'b* '.repeat(size / 6)}`,
  'strikethrough opened again and again': (size) => `${'~~a '.repeat(size / 8)}${'a~~ '.repeat(size / 8)}`,
  'nested images': (size) => `${'!['.repeat(size / 38)}a${'](https://x.test)'.repeat(size / 38)}`,
  'nested links': (size) => `${'['.repeat(size / 36)}a${'](https://x.test)'.repeat(size / 36)}`,
  'emphasis that may open or close': (size) => 'a*'.repeat(size / 2),
  'strikethrough that may open or close': (size) => '(~~'.repeat(size / 3),
  'nested quotes': (size) => '>'.repeat(size),
  'quotes and lists': (size) => '> - '.repeat(size / 4),
  'deep indentation': (size) =>
    Array.from({ length: Math.floor(Math.sqrt(size)) }, (_, level) => `${' '.repeat(level * 2)}- a`).join('\n'),
};

/** Shapes that micromark reads in linear time, though slower than prose: they must stay under a second or so. */
export const SLOW_LINEAR_SHAPES: Record<string, (size: number) => string> = {
  'unclosed code spans': (size) => '`` '.repeat(size / 3),
  'unclosed tags': (size) => '<a '.repeat(size / 3),
  'list items of unclosed links': (size) => '- [x](\n'.repeat(size / 7),
  'email autolinks': (size) => 'a@b.c '.repeat(size / 6),
  'table pipes': (size) => '| a '.repeat(size / 4),
  'formatted prose': (size) => 'Some **bold** text with `code` and a [link](https://x.test).\n\n'.repeat(size / 64),
};
