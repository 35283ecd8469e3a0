import { Fragment, useEffect, useState } from 'react';
import type { CodeToken } from './code-highlighter';
import { grammarFor, type GrammarName } from './code-languages';
import { classNames } from './class-names';

interface Highlighted {
  code: string;
  grammar: GrammarName;
  lines: CodeToken[][];
}

/**
 * The coloured lines of `code`, or null while the highlighter loads, and for good when the language is
 * unknown or the block too long. The highlighter is a dynamic import, so it never delays a first paint.
 */
function useHighlightedLines(code: string, lang: string): CodeToken[][] | null {
  const grammar = grammarFor(code, lang);
  const [highlighted, setHighlighted] = useState<Highlighted | null>(null);
  useEffect(() => {
    if (!grammar) return;
    let current = true;
    import('./code-highlighter')
      .then(({ highlightCode }) => highlightCode(code, grammar))
      .then(
        (lines) => current && setHighlighted({ code, grammar, lines }),
        // Plain text is a complete rendering: a highlighter that failed to load changes nothing else.
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [code, grammar]);
  return highlighted?.code === code && highlighted.grammar === grammar ? highlighted.lines : null;
}

function tokenClass(token: CodeToken): string {
  return classNames(
    'code-token',
    token.kind && `code-token--${token.kind}`,
    token.italic && 'code-token--italic',
    token.bold && 'code-token--bold',
    token.underline && 'code-token--underline',
  );
}

/** Coloured lines as text and class names only: a token never sets a style. */
export function HighlightedLines({ lines }: { lines: CodeToken[][] }) {
  return lines.map((line, n) => (
    <Fragment key={n}>
      {n > 0 && '\n'}
      {line.map((token, k) =>
        token.kind || token.italic || token.bold || token.underline ? (
          <span key={k} className={tokenClass(token)}>
            {token.content}
          </span>
        ) : (
          token.content
        ),
      )}
    </Fragment>
  ));
}

/** A fenced code block: monospace text at once, coloured once its grammar has loaded. */
export function CodeBlock({ code, lang }: { code: string; lang: string }) {
  const lines = useHighlightedLines(code, lang);
  return (
    <pre className="code-block" dir="ltr" data-lang={lang || undefined}>
      <code className={lang ? `language-${lang}` : undefined}>{lines ? <HighlightedLines lines={lines} /> : code}</code>
    </pre>
  );
}
