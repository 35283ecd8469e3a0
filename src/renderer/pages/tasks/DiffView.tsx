import { useTranslation } from 'react-i18next';
import { diffLines } from './tool-call-preview';

/** A unified diff, one coloured line per change; the signs stay, so colour is never the only cue. */
export function DiffView({ diff, maxLines }: { diff: string; maxLines?: number }) {
  const { t } = useTranslation();
  const { lines, hidden } = diffLines(diff, maxLines);
  return (
    <div className="diff">
      <pre className="code-box diff__box" dir="ltr" data-testid="tool-diff" aria-label={t('tasks.tool.diff')} tabIndex={0}>
        {lines.map((line, index) => (
          // Block spans: each line is its own row (copied with its line break), coloured edge to edge.
          <span key={index} className={`diff__line diff__line--${line.kind}`}>
            {line.text || ' '}
          </span>
        ))}
      </pre>
      {hidden > 0 && <p className="diff__more">{t('tasks.tool.diffHidden', { count: hidden })}</p>}
    </div>
  );
}
