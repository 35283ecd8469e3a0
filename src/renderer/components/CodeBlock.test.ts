import { describe, expect, it } from '@jest/globals';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CodeBlock, HighlightedLines } from './CodeBlock';
import { highlightCode } from './code-highlighter';

const HOSTILE = '<div onclick="alert(1)">\n</code></pre><script>alert(1)</script>\n<img src=x onerror=alert(1)>';

describe('CodeBlock', () => {
  it('paints plain monospace text first, before any grammar has loaded', () => {
    expect(renderToStaticMarkup(createElement(CodeBlock, { code: HOSTILE, lang: 'html' }))).toBe(
      '<pre class="code-block" dir="ltr" data-lang="html"><code class="language-html">' +
        '&lt;div onclick=&quot;alert(1)&quot;&gt;\n&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;img src=x onerror=alert(1)&gt;</code></pre>',
    );
  });

  it('renders coloured lines as text in classed spans, never with a style or markup of the code', async () => {
    const lines = await highlightCode(HOSTILE, 'html');
    const out = renderToStaticMarkup(createElement(HighlightedLines, { lines }));
    expect(out).toContain('<span class="code-token code-token--string-expression">div</span>');
    for (const [tag] of out.matchAll(/<[^>]*>/g)) expect(tag).toMatch(/^<(?:span class="code-token(?: code-token--[a-z-]+)*"|\/span)>$/);
    // Taking the tags away leaves the code exactly as it was.
    const unescaped = out.replace(/<[^>]*>/g, '').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    expect(unescaped).toBe(HOSTILE);
  });
});
