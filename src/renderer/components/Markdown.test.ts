import { describe, expect, it } from '@jest/globals';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown, safeHref } from './Markdown';
import { HOSTILE_SHAPES, SLOW_LINEAR_SHAPES } from './markdown-fixtures';
import { MAX_MARKDOWN_CHARS } from './markdown-guard';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));
/** The markup inside the wrapper, with the newlines react-markdown keeps between blocks removed. */
const body = (source: string) => html(source).replace(/^<div class="markdown">|<\/div>$/g, '').replace(/>\n+</g, '><').replace(/\n+</g, '<');
const LINK = 'target="_blank" rel="noreferrer noopener"';

describe('Markdown', () => {
  it('renders paragraphs, emphasis, inline code and headings (starting at h3)', () => {
    expect(body('# Title\n### Small\n\n**bold**, *em*, ~~gone~~ and `a < b`')).toBe(
      '<h3 dir="auto">Title</h3><h5 dir="auto">Small</h5><p dir="auto"><strong>bold</strong>, <em>em</em>, <del>gone</del> and <code dir="ltr">a &lt; b</code></p>',
    );
    expect(body('call read_file_now')).toBe('<p dir="auto">call read_file_now</p>');
  });

  it('renders lists, quotes and rules', () => {
    expect(body('3. three\n4. four\n\n> quoted\n\n---\n\n- a\n- b')).toBe(
      '<ol start="3"><li dir="auto">three</li><li dir="auto">four</li></ol><blockquote><p dir="auto">quoted</p></blockquote><hr/><ul><li dir="auto">a</li><li dir="auto">b</li></ul>',
    );
  });

  it('renders GFM tables, with column alignment as class names', () => {
    expect(body('| Name | Size |\n|:-----|-----:|\n| a.ts | 12 |\n| b.ts | 3 |')).toBe(
      '<div class="markdown__table"><table><thead><tr><th dir="auto" class="markdown__cell--left">Name</th><th dir="auto" class="markdown__cell--right">Size</th></tr></thead>' +
        '<tbody><tr><td dir="auto" class="markdown__cell--left">a.ts</td><td dir="auto" class="markdown__cell--right">12</td></tr>' +
        '<tr><td dir="auto" class="markdown__cell--left">b.ts</td><td dir="auto" class="markdown__cell--right">3</td></tr></tbody></table></div>',
    );
  });

  it('renders GFM task lists with boxes that cannot be changed', () => {
    const out = body('- [ ] write tests\n- [x] read the code');
    expect(out).toBe(
      '<ul class="contains-task-list"><li dir="auto" class="task-list-item"><input type="checkbox" disabled="" readOnly=""/> write tests</li>' +
        '<li dir="auto" class="task-list-item"><input type="checkbox" disabled="" readOnly="" checked=""/> read the code</li></ul>',
    );
  });

  it('renders fenced code as plain text first, with a language class', () => {
    expect(body('```ts\nconst a = "<b>";\n```')).toBe('<pre class="code-block" dir="ltr" data-lang="ts"><code class="language-ts">const a = &quot;&lt;b&gt;&quot;;</code></pre>');
    expect(body('```\nno language\n```')).toBe('<pre class="code-block" dir="ltr"><code>no language</code></pre>');
    expect(body('~~~python title="x.py"\nprint(1)\n~~~')).toContain('<code class="language-python">print(1)</code>');
    // A language that is no plain word becomes neither a class nor an attribute.
    expect(body('```"><img src=x>\ncode\n```')).toBe('<pre class="code-block" dir="ltr"><code>code</code></pre>');
  });

  it('shows raw HTML as text, never as elements', () => {
    expect(body('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body('an <img src=x onerror=alert(1)> here')).toBe('<p dir="auto">an &lt;img src=x onerror=alert(1)&gt; here</p>');
    expect(body('<iframe src="https://evil.test"></iframe>')).toBe('&lt;iframe src=&quot;https://evil.test&quot;&gt;&lt;/iframe&gt;');
    expect(body('use `<div>` or <div> in text')).toBe('<p dir="auto">use <code dir="ltr">&lt;div&gt;</code> or &lt;div&gt; in text</p>');
  });

  it('links only absolute http(s) URLs, opening them outside with no opener or referrer', () => {
    expect(body('[docs](https://example.com/a?b=1)')).toBe(`<p dir="auto"><a href="https://example.com/a?b=1" ${LINK}>docs</a></p>`);
    expect(body('see https://example.com/x. and www.example.org')).toBe(
      `<p dir="auto">see <a href="https://example.com/x" ${LINK}>https://example.com/x</a>. and <a href="http://www.example.org/" ${LINK}>www.example.org</a></p>`,
    );
    expect(body('<https://example.com/auto>')).toBe(`<p dir="auto"><a href="https://example.com/auto" ${LINK}>https://example.com/auto</a></p>`);
    for (const url of ['javascript:alert(1)', 'javascript:alert%281%29', 'data:text/html,hi', '/relative', 'relative/path', '#fragment', '//evil.test/x', 'mailto:a@b.test', 'file:///etc/passwd']) {
      expect(body(`[x](${url})`)).toBe('<p dir="auto">x</p>');
    }
    expect(body('[ref][r]\n\n[r]: javascript:alert(1)')).toBe('<p dir="auto">ref</p>');
  });

  it('never loads images: an image becomes a link to it, or its alt text', () => {
    expect(body('![logo](https://example.com/logo.png)')).toBe(`<p dir="auto"><a href="https://example.com/logo.png" ${LINK}>logo</a></p>`);
    expect(body('![](https://example.com/logo.png)')).toBe(`<p dir="auto"><a href="https://example.com/logo.png" ${LINK}>https://example.com/logo.png</a></p>`);
    expect(body('![pixel](data:image/gif;base64,R0lGODlhAQABAAAAACw=)')).toBe('<p dir="auto">pixel</p>');
    expect(html('![x](https://evil.test/t.gif) <img src="https://evil.test/t.gif">')).not.toContain('<img');
  });

  it('keeps footnotes readable without in-page links', () => {
    const out = body('A claim[^1].\n\n[^1]: The source.');
    expect(out).toContain('<sup>1</sup>');
    expect(out).toContain('<h4 dir="auto" class="visually-hidden">Footnotes</h4>');
    expect(out).not.toContain('href');
  });

  it('shows shapes that would make the parser take seconds as plain text', () => {
    expect(body('**not closed and *neither')).toBe('<p dir="auto">**not closed and *neither</p>');
    for (const [name, shape] of Object.entries(HOSTILE_SHAPES)) {
      const out = html(shape(MAX_MARKDOWN_CHARS - 100));
      expect({ name, plain: out.startsWith('<div class="markdown markdown--plain" dir="auto">') }).toEqual({ name, plain: true });
    }
  });

  it('parses what the guard lets through in linear time, up to the length cap', () => {
    // About a second each on a busy machine; a quadratic shape at this size takes tens of seconds.
    const slow: string[] = [];
    for (const [name, shape] of Object.entries(SLOW_LINEAR_SHAPES)) {
      const source = shape(MAX_MARKDOWN_CHARS - 100);
      const started = Date.now();
      const out = html(source);
      if (Date.now() - started > 10_000) slow.push(name);
      expect({ name, parsed: !out.includes('markdown--plain') }).toEqual({ name, parsed: true });
    }
    expect(slow).toEqual([]);
  });

  it('shows a message past the cap as plain text, without parsing it', () => {
    const source = `# Log\n\n${'line of **output** <b>\n'.repeat(10_000)}`;
    expect(source.length).toBeGreaterThan(MAX_MARKDOWN_CHARS);
    const started = Date.now();
    const out = html(source);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(out.startsWith('<div class="markdown markdown--plain" dir="auto"># Log\n\nline of **output** &lt;b&gt;\n')).toBe(true);
    expect(out.match(/</g)).toHaveLength(2);
  });
});

describe('Markdown against XSS payloads', () => {
  const HTML_VECTORS = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=https://evil.test/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<svg onload=alert(1)>',
    '<body onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<details open ontoggle=alert(1)>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src=javascript:alert(1)>',
    '<style>@import "https://evil.test/x.css";</style>',
    '<link rel=stylesheet href=https://evil.test/x.css>',
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    '<form action=javascript:alert(1)><button>x</button></form>',
    '<input autofocus onfocus=alert(1)>',
    '<video><source onerror=alert(1)></video>',
    '<!--x--><img src=x onerror=alert(1)>',
    '<scr<script>ipt>alert(1)</script>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<base href="javascript:alert(1)//">',
    '<textarea></textarea><script>alert(1)</script>',
    '<![CDATA[<script>alert(1)</script>]]>',
    '<template><script>alert(1)</script></template>',
    '<marquee onstart=alert(1)>x</marquee>',
  ];
  const URL_VECTORS = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript%3Aalert(1)',
    '%6Aavascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.test/x',
    '/relative',
    '#fragment',
    '\\javascript:alert(1)',
    'https://ok.test/"onmouseover="alert(1)',
    'https://ok.test/?q=<script>alert(1)</script>',
    'blob:https://ok.test/0000',
    'mailto:a@b.test?body=<script>',
    'https://ok.test/\'onerror=\'alert(1)',
  ];
  const FENCE_LANGUAGES = [
    '"><script>alert(1)</script>',
    'js onerror=alert(1)',
    'javascript:alert(1)',
    '<img src=x onerror=alert(1)>',
    'ts" onclick="alert(1)',
    "ts' onclick='alert(1)",
    'html</code></pre><script>alert(1)</script>',
    '{onmouseover=alert(1)}',
    'a&quot;onmouseover=&quot;alert(1)',
    'x&#34;onclick=alert(1)',
  ];
  const payloads = [
    ...HTML_VECTORS.flatMap((vector) => [vector, `text ${vector} text`, `- item ${vector}`, `| a |\n|---|\n| ${vector} |`, `> ${vector}`]),
    ...URL_VECTORS.flatMap((url) => [`[x](${url})`, `![x](${url})`, `[x](<${url}>)`, `[x][r]\n\n[r]: <${url}>`, `<${url}>`]),
    ...FENCE_LANGUAGES.flatMap((lang) => [`\`\`\`${lang}\nconst a = 1;\n\`\`\``, `~~~${lang}\n</code></pre><script>alert(1)</script>\n~~~`, `\`\`\`${lang}\n\`\`\``]),
  ];

  // Every tag and attribute this renderer can make; React escapes each "<" of text, so any other tag is a leak.
  const TAG = /^<\/?(div|p|br|strong|em|del|code|pre|a|img|blockquote|hr|h[3-6]|ul|ol|li|input|table|thead|tbody|tr|th|td|section|sup|span)((?: (?:class|dir|href|target|rel|start|data-lang|type|disabled|readOnly|checked|data-footnotes)="[^"<>]*")*)\/?>$/;

  it('has at least 200 payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(200);
  });

  it('yields no script, no event handler, no style and no link that is not http(s)', () => {
    const failures: { payload: string; problem: string }[] = [];
    for (const payload of payloads) {
      const out = html(payload);
      if (/<script/i.test(out)) failures.push({ payload, problem: '<script' });
      if (/<img/i.test(out)) failures.push({ payload, problem: '<img' });
      for (const [tag] of out.matchAll(/<[^>]*>/g)) {
        if (!TAG.test(tag)) failures.push({ payload, problem: `tag ${tag}` });
        if (/\son\w+=/i.test(tag) || /\sstyle=/i.test(tag)) failures.push({ payload, problem: `attribute in ${tag}` });
      }
      for (const [, href] of out.matchAll(/href="([^"]*)"/g)) {
        const url = new URL((href ?? '').replaceAll('&amp;', '&'));
        if (url.protocol !== 'http:' && url.protocol !== 'https:') failures.push({ payload, problem: `href ${href}` });
      }
      if (/="[^"]*javascript:/i.test(out)) failures.push({ payload, problem: 'javascript: in an attribute' });
    }
    expect(failures).toEqual([]);
  });
});

describe('safeHref', () => {
  it('accepts absolute http(s) URLs only', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTP://EXAMPLE.com/a')).toBe('http://example.com/a');
    for (const raw of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:x', 'file:///etc/passwd', 'vbscript:x', 'data:text/html,x', '//evil.test', 'example.com', '/a', 'mailto:a@b.c', '']) {
      expect(safeHref(raw)).toBeNull();
    }
  });
});
