import { Readability } from '@mozilla/readability';
import TurndownService from 'turndown';
import { MAX_PAGE_TEXT, MAX_SELECTION, type ContentReply, type SendMode } from './messages';

const REMOVED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'form']);
const CUT_NOTE = '\n\n[… cut here: the page is longer than Aura Work takes]';

/**
 * Reads a page as Markdown, in the page (the content script): the article Readability finds, else the whole
 * body; or only what the user selected. Runs on a clone or on copies, so the page the user sees is untouched.
 */
export function extractPage(doc: Document, mode: SendMode): ContentReply {
  const url = doc.location.href;
  if (mode === 'selection') {
    const selection = doc.getSelection();
    const plain = selection?.toString().trim() ?? '';
    if (!selection || plain === '') return { type: 'aura.extractFailed', reason: 'empty-selection' };
    const holder = doc.createElement('div');
    for (let i = 0; i < selection.rangeCount; i++) holder.append(selection.getRangeAt(i).cloneContents());
    const text = toMarkdown(holder.innerHTML) || plain;
    return { type: 'aura.extracted', url, title: cap(doc.title, 1000), text: cap(text, MAX_PAGE_TEXT), selection: cap(plain, MAX_SELECTION) };
  }
  // Readability changes the document it is given: it gets a clone.
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  let text = article?.content ? toMarkdown(article.content) : '';
  if (text === '' && doc.body) text = toMarkdown(doc.body.innerHTML);
  if (text === '') text = doc.body?.innerText.trim() ?? '';
  if (text === '') return { type: 'aura.extractFailed', reason: 'no-content' };
  return { type: 'aura.extracted', url, title: cap(article?.title || doc.title, 1000), text: cap(text, MAX_PAGE_TEXT) };
}

function toMarkdown(html: string): string {
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
  // Never page code or hidden machinery as text.
  turndown.remove((node) => REMOVED.has(node.nodeName.toLowerCase()));
  return turndown.turndown(html).trim();
}

/** At most `max` characters, with a note where it was cut. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = max > CUT_NOTE.length * 4 ? CUT_NOTE : '';
  return text.slice(0, max - note.length) + note;
}
