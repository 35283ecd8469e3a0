import type { CSSProperties } from 'react';
import ReactMarkdown, { type Components, type ExtraProps, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { classNames } from './class-names';
import { CodeBlock } from './CodeBlock';
import { parsesQuickly } from './markdown-guard';

/*
 * Markdown of model output: CommonMark plus GitHub's tables, task lists, strikethrough and autolinks.
 * SECURITY: the text is untrusted.
 * - Raw HTML is never parsed into elements: react-markdown has no rehype-raw here, and turns each piece
 *   of HTML into text, so `<b>` in a sentence reads as `<b>` (dropping it would lose what the model meant).
 * - Every URL goes through `safeHref`: only absolute http(s) URLs after `new URL()` parsing survive.
 * - Images never load: an image becomes a link to it, or its alt text.
 * - Only the elements of ALLOWED_ELEMENTS are rendered; anything else is replaced by its content.
 * - No style attribute is set: table alignment and code colours are class names.
 */

type HastElement = NonNullable<ExtraProps['node']>;

/** The URL itself when it is an absolute http(s) URL, otherwise null (react-markdown then drops it). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// What mdast-util-to-hast makes of CommonMark and GFM, and nothing else.
const ALLOWED_ELEMENTS = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'img', 'blockquote', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'input',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'section', 'sup',
];

// A fence's language becomes a class name and a data attribute, so it keeps to a plain word.
const FENCE_LANGUAGE = /^[\w+#.-]{1,32}$/;

/** The text and language of a fenced block (`<pre><code class="language-x">`). */
function fenceOf(pre: HastElement | undefined): { code: string; lang: string } {
  const code = pre?.children.find((child) => child.type === 'element' && child.tagName === 'code');
  if (code?.type !== 'element') return { code: '', lang: '' };
  const text = code.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  const classes = code.properties.className;
  const lang = Array.isArray(classes) ? String(classes.find((name) => String(name).startsWith('language-')) ?? '').slice('language-'.length) : '';
  // mdast-util-to-hast ends every non-empty block with a newline of its own.
  return { code: text.replace(/\n$/, ''), lang: FENCE_LANGUAGE.test(lang) ? lang : '' };
}

const ALIGN_CLASS: Record<string, string> = { left: 'markdown__cell--left', center: 'markdown__cell--center', right: 'markdown__cell--right' };
/** GFM column alignment, which react-markdown passes as `textAlign`, as a class name instead. */
const alignClass = (style: CSSProperties | undefined) => (style?.textAlign ? ALIGN_CLASS[style.textAlign] : undefined);

const COMPONENTS: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <>{children}</>
    ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noreferrer noopener">
        {alt || src}
      </a>
    ) : (
      <>{alt}</>
    ),
  // GFM task list items: a box that shows the state and cannot be changed.
  input: ({ type, checked }) => (type === 'checkbox' ? <input type="checkbox" checked={Boolean(checked)} disabled readOnly /> : null),
  pre: ({ node }) => {
    const { code, lang } = fenceOf(node);
    return <CodeBlock code={code} lang={lang} />;
  },
  code: ({ children }) => <code dir="ltr">{children}</code>,
  p: ({ children }) => <p dir="auto">{children}</p>,
  li: ({ children, className }) => (
    <li dir="auto" className={className}>
      {children}
    </li>
  ),
  // Page and panel titles are h1 and h2, so a message's own headings start at h3.
  h1: ({ children }) => <h3 dir="auto">{children}</h3>,
  h2: ({ children, className }) => (
    <h4 dir="auto" className={className}>
      {children}
    </h4>
  ),
  h3: ({ children }) => <h5 dir="auto">{children}</h5>,
  h4: ({ children }) => <h6 dir="auto">{children}</h6>,
  h5: ({ children }) => <h6 dir="auto">{children}</h6>,
  h6: ({ children }) => <h6 dir="auto">{children}</h6>,
  table: ({ children }) => (
    <div className="markdown__table">
      <table>{children}</table>
    </div>
  ),
  th: ({ children, style }) => (
    <th dir="auto" className={alignClass(style)}>
      {children}
    </th>
  ),
  td: ({ children, style }) => (
    <td dir="auto" className={alignClass(style)}>
      {children}
    </td>
  ),
};

const REMARK_PLUGINS: Options['remarkPlugins'] = [remarkGfm];
// The footnote section's own heading is for screen readers, as GitHub has it.
const REMARK_REHYPE_OPTIONS: Options['remarkRehypeOptions'] = { footnoteLabelProperties: { className: ['visually-hidden'] } };

/** Renders untrusted Markdown as React elements; see the note at the top of this file. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  // Too long, or shaped to make the parser take seconds (see markdown-guard.ts): shown as typed.
  if (!parsesQuickly(source)) {
    return (
      <div className={classNames('markdown', 'markdown--plain', className)} dir="auto">
        {source}
      </div>
    );
  }
  return (
    <div className={classNames('markdown', className)}>
      <ReactMarkdown
        remarkPlugins={REMARK_PLUGINS}
        remarkRehypeOptions={REMARK_REHYPE_OPTIONS}
        components={COMPONENTS}
        allowedElements={ALLOWED_ELEMENTS}
        unwrapDisallowed
        urlTransform={safeHref}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
