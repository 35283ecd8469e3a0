import { createElement, useMemo, type ReactNode } from 'react';
import { classNames } from './class-names';

/*
 * A small Markdown subset for model output. SECURITY: the text is untrusted. It only ever becomes React
 * text nodes (no HTML is parsed or injected), links keep only http(s) URLs after `new URL()` parsing,
 * and images become plain links so nothing remote loads by itself.
 */
export type Inline =
  | string
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'rule' };

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const ITEM = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const MAX_DEPTH = 4;

/** The URL itself when it is an absolute http(s) URL, otherwise null. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const startsBlock = (line: string) => FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
/** 'ordered' or 'bullet' for a list item line, null for any other line. */
const itemKind = (line: string) => (ITEM.test(line) ? (/^\s*\d/.test(line) ? 'ordered' : 'bullet') : null);

export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const at = (n: number) => lines[n] ?? '';
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = at(i);
    let match: RegExpExecArray | null;
    if (!line.trim()) i += 1;
    else if ((match = FENCE.exec(line))) {
      const fence = match[1] ?? '```';
      const body: string[] = [];
      for (i += 1; i < lines.length && !at(i).trim().startsWith(fence); i += 1) body.push(at(i));
      i += 1;
      blocks.push({ kind: 'code', lang: match[2] ?? '', text: body.join('\n') });
    } else if ((match = HEADING.exec(line)) || RULE.test(line)) {
      blocks.push(match ? { kind: 'heading', level: match[1]?.length ?? 1, inline: parseInline(match[2] ?? '', depth) } : { kind: 'rule' });
      i += 1;
    } else if (QUOTE.test(line) && depth < MAX_DEPTH) {
      const inner: string[] = [];
      for (; i < lines.length && (match = QUOTE.exec(at(i))); i += 1) inner.push(match[1] ?? '');
      blocks.push({ kind: 'quote', blocks: parseMarkdown(inner.join('\n'), depth + 1) });
    } else if ((match = ITEM.exec(line))) {
      const kind = itemKind(line);
      const items: string[][] = [];
      for (; i < lines.length; i += 1) {
        const current = at(i);
        const item = ITEM.exec(current);
        // The list goes on with items of its kind, indented continuation lines, and blank lines
        // between two of its items (a "loose" list).
        if (item ? itemKind(current) !== kind : current.trim() ? !/^\s/.test(current) : itemKind(at(i + 1)) !== kind) break;
        if (item) items.push([item[2] ?? '']);
        else if (current.trim()) items[items.length - 1]?.push(current.trim());
      }
      const ordered = kind === 'ordered';
      blocks.push({ kind: 'list', ordered, start: ordered ? Number.parseInt(match[1] ?? '1', 10) : 1, items: items.map((text) => parseInline(text.join('\n'), depth)) });
    } else {
      const text: string[] = [line.trim()];
      for (i += 1; i < lines.length && at(i).trim() && !startsBlock(at(i)); i += 1) text.push(at(i).trim());
      blocks.push({ kind: 'paragraph', inline: parseInline(text.join('\n'), depth) });
    }
  }
  return blocks;
}

// Spans are bounded in length, so text without closing markers costs linear work, not quadratic.
const INLINE =
  /(?<tick>`{1,3})(?<code>[^`][\s\S]{0,2000}?)\k<tick>(?!`)|\*\*(?<strong>\S(?:[\s\S]{0,1000}?\S)?)\*\*|\b__(?<strong2>\S(?:[\s\S]{0,1000}?\S)?)__\b|\*(?<em>[^\s*](?:[\s\S]{0,1000}?[^\s*])?)\*|\b_(?<em2>[^\s_](?:[\s\S]{0,1000}?[^\s_])?)_\b|!?\[(?<label>[^\]\n]{1,500})\]\((?<url>[^()\s]{1,2000})(?:\s+"[^"\n]*")?\)|(?<bare>https?:\/\/[^\s<>"]*[^\s<>".,:;!?)\]'*_])/g;

export function parseInline(text: string, depth = 0, inLink = false): Inline[] {
  if (depth > MAX_DEPTH) return [text];
  const out: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const nodes = inlineNodes(match.groups ?? {}, depth + 1, inLink);
    if (!nodes) continue;
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(...nodes);
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The nodes for one match of INLINE, or null to keep its text as it is (a link inside a link label). */
function inlineNodes(groups: Record<string, string | undefined>, depth: number, inLink: boolean): Inline[] | null {
  const { code, label, bare } = groups;
  const strong = groups.strong ?? groups.strong2;
  const em = groups.em ?? groups.em2;
  if (code !== undefined) return [{ kind: 'code', text: code.replace(/^ (.*) $/s, '$1') }];
  if (strong !== undefined) return [{ kind: 'strong', children: parseInline(strong, depth, inLink) }];
  if (em !== undefined) return [{ kind: 'em', children: parseInline(em, depth, inLink) }];
  if (inLink) return null;
  const href = safeHref(groups.url ?? bare ?? '');
  if (label !== undefined) {
    const children = parseInline(label, depth, true);
    return href ? [{ kind: 'link', href, children }] : children;
  }
  return href && bare ? [{ kind: 'link', href, children: [bare] }] : null;
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, key) => {
    if (typeof node === 'string') return node.split('\n').flatMap((line, n) => (n ? [createElement('br', { key: `${key}.${n}` }), line] : [line]));
    if (node.kind === 'code') return createElement('code', { key, dir: 'ltr' }, node.text);
    if (node.kind === 'link') return createElement('a', { key, href: node.href, target: '_blank', rel: 'noopener noreferrer' }, renderInline(node.children));
    return createElement(node.kind, { key }, renderInline(node.children));
  });
}

function renderBlock(block: Block, key: number): ReactNode {
  const inline = (tag: string, nodes: Inline[]) => createElement(tag, { key, dir: 'auto' }, renderInline(nodes));
  // Page and panel titles are h1 and h2, so a message's own headings start at h3.
  if (block.kind === 'heading') return inline(`h${Math.min(6, block.level + 2)}`, block.inline);
  if (block.kind === 'paragraph') return inline('p', block.inline);
  if (block.kind === 'code') return createElement('pre', { key, dir: 'ltr', 'data-lang': block.lang || undefined }, createElement('code', null, block.text));
  if (block.kind === 'quote') return createElement('blockquote', { key }, block.blocks.map(renderBlock));
  if (block.kind === 'rule') return createElement('hr', { key });
  const items = block.items.map((item, n) => createElement('li', { key: n, dir: 'auto' }, renderInline(item)));
  return createElement(block.ordered ? 'ol' : 'ul', { key, start: block.ordered ? block.start : undefined }, items);
}

/** Renders untrusted Markdown as React elements; see the note at the top of this file. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return createElement('div', { className: classNames('markdown', className) }, blocks.map(renderBlock));
}
