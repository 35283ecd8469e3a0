import { describe, expect, it } from '@jest/globals';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown, parseInline, parseMarkdown, safeHref } from './Markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));
const body = (source: string) => html(source).replace(/^<div class="markdown">|<\/div>$/g, '');

describe('Markdown', () => {
  it('renders paragraphs, line breaks and headings (starting at h3)', () => {
    expect(body('Hello\nworld\n\nNext')).toBe('<p dir="auto">Hello<br/>world</p><p dir="auto">Next</p>');
    expect(body('# Title\n### Small ##')).toBe('<h3 dir="auto">Title</h3><h5 dir="auto">Small</h5>');
  });

  it('renders bold, italic and inline code, leaving snake_case alone', () => {
    expect(body('**bold** and *em* and _em_ and `a < b`')).toBe('<p dir="auto"><strong>bold</strong> and <em>em</em> and <em>em</em> and <code dir="ltr">a &lt; b</code></p>');
    expect(body('call read_file_now')).toBe('<p dir="auto">call read_file_now</p>');
    expect(body('**nested *em* here**')).toBe('<p dir="auto"><strong>nested <em>em</em> here</strong></p>');
    expect(body('`` `tick` ``')).toBe('<p dir="auto"><code dir="ltr">`tick`</code></p>');
  });

  it('renders lists, keeping the start of an ordered list and loose items together', () => {
    expect(body('Plan:\n1. Read\n2. Edit\n   carefully')).toBe('<p dir="auto">Plan:</p><ol start="1"><li dir="auto">Read</li><li dir="auto">Edit<br/>carefully</li></ol>');
    expect(body('3) three\n\n4) four')).toBe('<ol start="3"><li dir="auto">three</li><li dir="auto">four</li></ol>');
    expect(body('- a\n* b\n+ c')).toBe('<ul><li dir="auto">a</li><li dir="auto">b</li><li dir="auto">c</li></ul>');
  });

  it('renders fenced code as text, quotes and rules', () => {
    expect(body('```ts\nconst a = "<b>";\n```')).toBe('<pre dir="ltr" data-lang="ts"><code>const a = &quot;&lt;b&gt;&quot;;</code></pre>');
    expect(body('~~~\nunclosed')).toBe('<pre dir="ltr"><code>unclosed</code></pre>');
    expect(body('> quoted **text**\n> more\n\n---')).toBe('<blockquote><p dir="auto">quoted <strong>text</strong><br/>more</p></blockquote><hr/>');
  });

  it('links only http(s) URLs, opening them outside with no opener or referrer', () => {
    expect(body('[docs](https://example.com/a?b=1)')).toBe('<p dir="auto"><a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">docs</a></p>');
    expect(body('see https://example.com/x.')).toBe('<p dir="auto">see <a href="https://example.com/x" target="_blank" rel="noopener noreferrer">https://example.com/x</a>.</p>');
    expect(body('[x](javascript:alert(1))')).not.toContain('<a');
    expect(body('[x](javascript:alert%281%29)')).toBe('<p dir="auto">x</p>');
    expect(body('[x](data:text/html,hi)')).toBe('<p dir="auto">x</p>');
    expect(body('[x](/relative)')).toBe('<p dir="auto">x</p>');
  });

  it('never loads images: an image becomes a link to it', () => {
    expect(body('![logo](https://example.com/logo.png)')).toBe('<p dir="auto"><a href="https://example.com/logo.png" target="_blank" rel="noopener noreferrer">logo</a></p>');
    expect(html('![x](https://evil.test/t.gif)')).not.toContain('<img');
  });

  it('never lets markup through: only its own tags and attributes, only http(s) links', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '[<svg onload=alert(1)>](https://x.test)',
      '<iframe src="https://evil.test"></iframe>',
      '```\n</code></pre><script>alert(1)</script>\n```',
      '[a](https://x.test" onmouseover="alert(1))',
      '[a](https://x.test)" onmouseover="alert(1)',
      '**<style>body{display:none}</style>**',
      '`<b onclick=x>`',
      '> <img src=x>\n- <object data=x>',
    ];
    const TAG = /^<\/?(div|p|br|strong|em|code|a|pre|ol|ul|li|h[3-6]|blockquote|hr)((?: (?:class|dir|href|target|rel|start|data-lang)="[^"<>]*")*)\/?>$/;
    for (const payload of payloads) {
      const out = html(payload);
      // React escapes every "<" of text, so each one left is a tag this renderer made.
      for (const [tag] of out.matchAll(/<[^>]*>/g)) expect({ payload, tag, ok: TAG.test(tag) }).toEqual({ payload, tag, ok: true });
      for (const [, href] of out.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
    }
  });

  it('keeps a link inside a link label as text', () => {
    expect(parseInline('[see https://a.test](https://b.test)')).toEqual([{ kind: 'link', href: 'https://b.test/', children: ['see https://a.test'] }]);
  });

  it('copes with unclosed markers and long input in linear time', () => {
    expect(parseMarkdown('**not closed and *neither')).toEqual([{ kind: 'paragraph', inline: ['**not closed and *neither'] }]);
    const started = Date.now();
    html(`${'*a '.repeat(20_000)}\n${'[x]('.repeat(5_000)}`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('safeHref', () => {
  it('accepts absolute http(s) URLs only', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTP://EXAMPLE.com/a')).toBe('http://example.com/a');
    for (const raw of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:x', 'file:///etc/passwd', 'vbscript:x', '//evil.test', 'example.com', 'mailto:a@b.c']) expect(safeHref(raw)).toBeNull();
  });
});
