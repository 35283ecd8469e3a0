import { Component, lazy, Suspense, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createTwoFilesPatch } from 'diff';
import { DiffView } from '../../pages/tasks/DiffView';

// The environment first, in a chunk of its own: Monaco's modules read it as they load (see monaco-environment.ts).
const MonacoDiffEditor = lazy(async () => {
  await import('./monaco-environment');
  return import('./MonacoDiffEditor');
});

/** Past this, a plain diff on the UI thread would freeze the prompt: it says so instead. */
const FALLBACK_DIFF_MS = 300;

export interface MonacoDiffProps {
  path: string;
  /** null: the file does not exist yet. */
  original: string | null;
  modified: string;
}

/** The change as a unified diff: what shows while Monaco loads, or if it cannot. */
function PlainDiff({ path, original, modified }: MonacoDiffProps) {
  const { t } = useTranslation();
  const diff = useMemo(
    () => createTwoFilesPatch(original === null ? '/dev/null' : `a/${path}`, `b/${path}`, original ?? '', modified, undefined, undefined, { context: 3, timeout: FALLBACK_DIFF_MS }),
    [path, original, modified],
  );
  if (diff === undefined) return <p className="monaco-diff__too-big">{t('approvals.diff.tooBig')}</p>;
  return <DiffView diff={diff} />;
}

/** Falls back to the plain diff when Monaco fails to load or to start. */
class FallbackOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn('The Monaco diff could not be shown; a plain diff is shown instead.', error);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** A file's change in Monaco's diff editor (loaded on first use), a plain unified diff meanwhile. */
export function MonacoDiff(props: MonacoDiffProps) {
  const fallback = (
    <div data-testid="plain-diff">
      <PlainDiff {...props} />
    </div>
  );
  return (
    <FallbackOnError fallback={fallback}>
      <Suspense fallback={fallback}>
        <MonacoDiffEditor path={props.path} original={props.original ?? ''} modified={props.modified} />
      </Suspense>
    </FallbackOnError>
  );
}
