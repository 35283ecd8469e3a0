/** What a tool card shows of a call's input and output; all of it is rendered as text, never as HTML. */

const SUMMARY_KEYS = ['path', 'pattern', 'command', 'url', 'query'] as const;

/** The one input field that says what the call is about (`src/app.ts`, `*.md` …), if there is one. */
export function inputSummary(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const record = input as Record<string, unknown>;
  for (const key of SUMMARY_KEYS) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

export interface Preview {
  text: string;
  truncated: boolean;
  /** Characters in the whole value, shown or not. */
  length: number;
}

/** Pretty JSON (or the string itself), cut at `maxChars` so a huge file read cannot stall the page. */
export function previewValue(value: unknown, maxChars = 4000): Preview {
  const text = typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
  return text.length > maxChars ? { text: `${text.slice(0, maxChars)}…`, truncated: true, length: text.length } : { text, truncated: false, length: text.length };
}

/** The unified diff an edit returned (`{ diff: string }`), if the output has one. */
export function outputDiff(output: unknown): string | null {
  if (typeof output !== 'object' || output === null) return null;
  const diff = (output as Record<string, unknown>).diff;
  return typeof diff === 'string' && diff.length > 0 ? diff : null;
}

export type DiffLineKind = 'added' | 'removed' | 'hunk' | 'file' | 'context';
export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/** Classifies each line of a unified diff for colouring; at most `maxLines` lines. */
export function diffLines(diff: string, maxLines = 400): { lines: DiffLine[]; hidden: number } {
  const all = diff.replace(/\n$/, '').split('\n');
  const lines = all.slice(0, maxLines).map((text): DiffLine => {
    if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('Index:') || text.startsWith('===')) return { kind: 'file', text };
    if (text.startsWith('@@')) return { kind: 'hunk', text };
    if (text.startsWith('+')) return { kind: 'added', text };
    if (text.startsWith('-')) return { kind: 'removed', text };
    return { kind: 'context', text };
  });
  return { lines, hidden: all.length - lines.length };
}
