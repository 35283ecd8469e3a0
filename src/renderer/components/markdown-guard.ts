/*
 * micromark, the parser under react-markdown, reads ordinary text in linear time (about 100k characters a
 * second) but some shapes in quadratic time or worse: brackets or emphasis that keep opening without
 * closing (`![![![…`, `*a *a *a …`, one long run of `*`), and containers nested hundreds deep
 * (`> > > …`, `- > - > …`, deep indentation), which also overflow the stack further down. A model can
 * write these, or be led to by a page it read, and 16k characters of them hold the window for half a
 * minute. This linear scan finds them first, so such a message shows as plain text instead. It only
 * errs on the side of plain text; fenced code is skipped, as its content is not parsed as Markdown.
 */

/** Past this length a message shows as plain text, whatever it holds. */
export const MAX_MARKDOWN_CHARS = 30_000;
/** Containers on one line, or brackets or emphasis open at once within a paragraph. */
const MAX_NESTING = 32;
/** A longer run of `*`, `_` or `~` than this is no emphasis anyone meant. */
const MAX_DELIMITER_RUN = 32;
/** Brackets and runs of `*`, `_` or `~` in one paragraph: each may have to be matched against the others. */
const MAX_INLINE_MARKERS = 1_000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ORDERED_MARKER = /^\d{1,9}[.)](?=[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}(?:[*_-][ \t]*)+$/;
const HEADING = /^[ \t>]*#{1,6}(?:[ \t]|$)/;
// Matched against the line without blanks, so that no two parts of the pattern compete for them.
const TABLE_DELIMITER_ROW = /^>*\|?:?-+:?(?:\|:?-+:?)*\|?$/;
const SPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/** How deep the containers at the start of a line go (quote and list markers, and indentation), and whether one is a list item. */
function containerPrefix(line: string): { depth: number; listItem: boolean } {
  let markers = 0;
  let columns = 0;
  let listItem = false;
  for (let i = 0; i < line.length; ) {
    const char = line[i];
    const next = line[i + 1] ?? ' ';
    if (char === ' ' || char === '\t') {
      columns += char === '\t' ? 4 : 1;
      i += 1;
    } else if (char === '>') {
      markers += 1;
      i += 1;
    } else if ((char === '-' || char === '*' || char === '+') && (next === ' ' || next === '\t')) {
      markers += 1;
      listItem = true;
      i += 1;
    } else {
      const ordered = ORDERED_MARKER.exec(line.slice(i, i + 11));
      if (!ordered) break;
      markers += 1;
      listItem = true;
      i += ordered[0].length;
    }
  }
  // A nested list needs about two more columns a level.
  return { depth: markers + Math.floor(columns / 2), listItem };
}

/** Tracks the brackets and emphasis of one paragraph: how many, and how many left open. */
class InlineNesting {
  private brackets = 0;
  private emphasis = 0;
  private markers = 0;

  reset(): void {
    this.brackets = 0;
    this.emphasis = 0;
    this.markers = 0;
  }

  /** False as soon as the line opens too much, or holds a run of delimiters too long to be emphasis. */
  read(line: string): boolean {
    for (let i = 0; i < line.length; i += 1) {
      const char = line[i] ?? '';
      if (char === '\\') i += 1;
      else if (char === '[') {
        this.brackets += 1;
        this.markers += 1;
      } else if (char === ']') this.brackets = Math.max(0, this.brackets - 1);
      else if (char === '*' || char === '_' || char === '~') {
        this.markers += 1;
        let end = i + 1;
        while (line[end] === char) end += 1;
        if (end - i > MAX_DELIMITER_RUN) return false;
        const before = line[i - 1] ?? ' ';
        const after = line[end] ?? ' ';
        // CommonMark's flanking rules, roughly: a run opens before text and closes after it.
        const opens = !SPACE.test(after) && (SPACE.test(before) || PUNCTUATION.test(before));
        const closes = !SPACE.test(before) && (SPACE.test(after) || PUNCTUATION.test(after));
        if (opens && !closes) this.emphasis += 1;
        else if (closes && !opens) this.emphasis = Math.max(0, this.emphasis - 1);
        i = end - 1;
      }
      if (this.brackets > MAX_NESTING || this.emphasis > MAX_NESTING || this.markers > MAX_INLINE_MARKERS) return false;
    }
    return true;
  }
}

/** Whether `source` can go through the Markdown parser without holding up the window. */
export function parsesQuickly(source: string): boolean {
  if (source.length > MAX_MARKDOWN_CHARS) return false;
  const inline = new InlineNesting();
  let fence: string | null = null;
  let table = false;
  for (const line of source.split(/\r\n?|\n/)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && !line.slice(line.indexOf(marker) + marker.length).trim()) fence = null;
      continue;
    }
    if (marker) fence = marker;
    else if (!line.trim() || THEMATIC_BREAK.test(line)) {
      inline.reset();
      table = line.trim() ? table : false;
    } else {
      const { depth, listItem } = containerPrefix(line);
      if (depth > MAX_NESTING) return false;
      table ||= line.includes('|') && TABLE_DELIMITER_ROW.test(line.replace(/[ \t]+/g, ''));
      // The parser reads the text of each list item, heading and table row on its own.
      const heading = HEADING.test(line);
      if (listItem || heading || table) inline.reset();
      if (!inline.read(line)) return false;
      if (heading) inline.reset();
    }
  }
  return true;
}
