import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrowserLogEntry } from '../../../shared/browser';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { useFormatters } from '../../hooks/use-formatters';
import { useBrowserSession } from './use-browser-sessions';

const ACTIONS = ['navigate', 'click', 'type', 'select', 'scroll', 'wait', 'screenshot', 'take-over', 'hand-back', 'stop'] as const;
const isKnown = (action: string): action is (typeof ACTIONS)[number] => (ACTIONS as readonly string[]).includes(action);

const LogRow = memo(function LogRow({ entry }: { entry: BrowserLogEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const action = isKnown(entry.action) ? t(`browser.log.action.${entry.action}`) : entry.action;
  return (
    <li className={`action-row action-row--${entry.status}`} data-testid="browser-log-entry" data-action={entry.action} data-by={entry.by} data-status={entry.status}>
      <div className="action-row__head">
        <span className="tag">{t(`browser.log.by.${entry.by}`)}</span>
        <span className="action-row__what">
          {action}
          {entry.detail && (
            <>
              {' '}
              <span className="browser-log__detail" dir="auto">
                {entry.detail}
              </span>
            </>
          )}
        </span>
        <span className="action-row__facts">
          <span className={`tag action-status action-status--${entry.status}`}>{t(`browser.log.status.${entry.status}`)}</span>
          <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
        </span>
      </div>
      {entry.error ? (
        <p className="action-row__error" dir="auto">
          {entry.error.message}
        </p>
      ) : (
        entry.outcome && (
          <p className="browser-log__outcome" dir="auto">
            {entry.outcome}
          </p>
        )
      )}
    </li>
  );
});

/** The session's actions, the agent's and the user's, newest first, as they happen. */
export function BrowserActionLog({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const detail = useBrowserSession(sessionId);
  if (!detail.data && detail.error !== null) return <ErrorNotice error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <LoadingState />;
  if (!detail.data.log.length) return <EmptyState testId="browser-log-empty">{t('browser.log.empty')}</EmptyState>;
  return (
    <ol className="action-log" data-testid="browser-log">
      {detail.data.log
        .slice()
        .reverse()
        .map((entry) => (
          <LogRow key={entry.id} entry={entry} />
        ))}
    </ol>
  );
}
