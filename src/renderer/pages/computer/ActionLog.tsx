import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComputerActionEntry, ScreenImage as Image } from '../../../shared/computer';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { useClient } from '../../hooks/use-client';
import { useFormatters } from '../../hooks/use-formatters';
import { taskHref } from '../../navigation/route';
import { actionText } from './action-text';
import { ScreenImage } from './ScreenImage';

type Shot = { state: 'idle' } | { state: 'loading' } | { state: 'shown'; image: Image } | { state: 'failed'; error: unknown };

/** One logged action: what it did, for which task, how it ended, and its screenshot, fetched when opened. */
const ActionRow = memo(function ActionRow({ entry }: { entry: ComputerActionEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useClient();
  const [shot, setShot] = useState<Shot>({ state: 'idle' });
  const load = () => {
    if (shot.state !== 'idle' && shot.state !== 'failed') return;
    setShot({ state: 'loading' });
    client.call('computer.actionImage', { id: entry.id }).then(
      (image) => setShot({ state: 'shown', image }),
      (error: unknown) => setShot({ state: 'failed', error }),
    );
  };
  return (
    <li className={`action-row action-row--${entry.status}`} data-testid="computer-action" data-status={entry.status} data-tool={entry.tool}>
      <div className="action-row__head">
        <span className="tag tag--code">{entry.tool}</span>
        <span className="action-row__what">{actionText(t, entry.action)}</span>
        <span className="action-row__facts">
          <span className={`tag action-status action-status--${entry.status}`}>{t(`computer.status.${entry.status}`)}</span>
          <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
          {entry.durationMs !== null && <span>{format.elapsed(entry.durationMs)}</span>}
          {entry.taskId && (
            <a className="text-link" href={taskHref(entry.taskId)}>
              {t('computer.log.task')}
            </a>
          )}
        </span>
      </div>
      {entry.error && (
        <p className="action-row__error" dir="auto" data-testid="computer-action-error">
          {entry.error}
        </p>
      )}
      {entry.hasImage && (
        <details className="action-row__shot" onToggle={(event) => (event.currentTarget.open ? load() : undefined)}>
          <summary data-testid="computer-action-shot-toggle">{t('computer.log.screenshot')}</summary>
          {shot.state === 'loading' && <LoadingState />}
          {shot.state === 'failed' && <ErrorNotice error={shot.error} />}
          {shot.state === 'shown' && <ScreenImage image={shot.image} alt={t('computer.log.screenshotAlt', { action: actionText(t, entry.action) })} testId="computer-action-image" />}
        </details>
      )}
    </li>
  );
});

/** The newest actions first, as they happen. */
export function ActionLog({ entries, error, onRetry }: { entries: ComputerActionEntry[] | undefined; error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  if (!entries && error !== null) return <ErrorNotice error={error} onRetry={onRetry} />;
  if (!entries) return <LoadingState />;
  if (!entries.length) return <EmptyState testId="computer-log-empty">{t('computer.log.empty')}</EmptyState>;
  return (
    <ol className="action-log" data-testid="computer-log">
      {entries
        .slice()
        .reverse()
        .map((entry) => (
          <ActionRow key={entry.id} entry={entry} />
        ))}
    </ol>
  );
}
