import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResolvedTheme } from '../../appearance/document-appearance';
import { useSettings } from '../../hooks/use-settings';
import { monaco } from './monaco-loader';
import { languageForPath } from './monaco-language';
import { watchMovedStyles } from './style-attributes';

const THEMES: Record<ResolvedTheme, string> = { light: 'vs', dark: 'vs-dark', 'high-contrast': 'hc-black' };
const LINE_HEIGHT = 19;
/** Tall enough for a short file whole, capped so the answers stay in view (the editor scrolls). */
const MIN_HEIGHT = 120;
const MAX_HEIGHT = 480;

interface MonacoDiffEditorProps {
  /** The file's path: its language is guessed from it. */
  path: string;
  original: string;
  modified: string;
}

const lineCount = (text: string) => text.split('\n').length;

/**
 * A read-only Monaco diff editor (side by side where there is room, inline where not). Loaded lazily with
 * Monaco itself: import it through MonacoDiff, which shows a plain diff meanwhile.
 */
export default function MonacoDiffEditor({ path, original, modified }: MonacoDiffEditorProps) {
  const { t } = useTranslation();
  const { resolvedTheme } = useSettings();
  const container = useRef<HTMLDivElement>(null);
  const theme = THEMES[resolvedTheme];
  const themeRef = useRef(theme);
  themeRef.current = theme;
  const originalLabel = t('approvals.diff.original');
  const modifiedLabel = t('approvals.diff.modified');

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const release = watchMovedStyles();
    const language = languageForPath(path, monaco.languages.getLanguages());
    const originalModel = monaco.editor.createModel(original, language);
    const modifiedModel = monaco.editor.createModel(modified, language);
    const editor = monaco.editor.createDiffEditor(element, {
      theme: themeRef.current,
      readOnly: true,
      originalEditable: false,
      domReadOnly: true,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      renderOverviewRuler: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      contextmenu: false,
      hover: { enabled: 'off' },
      stickyScroll: { enabled: false },
      wordWrap: 'off',
      fontSize: 13,
      lineHeight: LINE_HEIGHT,
      originalAriaLabel: originalLabel,
      modifiedAriaLabel: modifiedLabel,
    });
    editor.setModel({ original: originalModel, modified: modifiedModel });
    return () => {
      editor.dispose();
      originalModel.dispose();
      modifiedModel.dispose();
      release();
    };
  }, [path, original, modified, originalLabel, modifiedLabel]);

  // The theme is Monaco's, for every editor at once.
  useEffect(() => monaco.editor.setTheme(theme), [theme]);

  const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.max(lineCount(original), lineCount(modified)) * LINE_HEIGHT + 12));
  return (
    // Code reads left to right in every language; the size is set through the CSSOM (React's style prop), which the CSP allows.
    <div className="monaco-diff" dir="ltr" ref={container} style={{ blockSize: `${height}px` }} data-testid="monaco-diff" />
  );
}
