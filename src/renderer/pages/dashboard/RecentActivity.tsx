import { Trans, useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useCoalescedCallback } from '../../hooks/use-coalesced-callback';
import { useEvent } from '../../hooks/use-event';
import { useFormatters } from '../../hooks/use-formatters';
import { useProcedure } from '../../hooks/use-procedure';
import { fullDetail, summarizeDetail } from '../audit/detail-summary';

const RECENT = { page: 1, pageSize: 10 };
const REFRESH_DELAY_MS = 150;

/** The latest audit entries, refreshed (at most once per burst) when something new is recorded. */
export function RecentActivity() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, error, loading, reload } = useProcedure('audit.list', RECENT);
  const refresh = useCoalescedCallback(reload, REFRESH_DELAY_MS);
  useEvent('audit.appended', refresh);
  useEvent('workspaces.changed', refresh);

  return (
    <Panel
      title={t('dashboard.activity.title')}
      description={t('dashboard.activity.description')}
      actions={
        <a className="text-link" href="#/audit-log">
          {t('dashboard.activity.viewAll')}
        </a>
      }
    >
      {error !== null && <ErrorNotice error={error} onRetry={reload} testId="activity-error" />}
      {data === undefined && loading && <LoadingState />}
      {data?.entries.length === 0 && <EmptyState testId="activity-empty">{t('dashboard.activity.empty')}</EmptyState>}
      {data !== undefined && data.entries.length > 0 && (
        <ol className="row-list activity-list">
          {data.entries.map((entry) => {
            const summary = summarizeDetail(entry.detail, 90);
            return (
              <li key={entry.seq} className="activity-row" data-testid="activity-row">
                <div className="activity-row__main">
                  <span className="tag tag--code">{entry.action}</span>
                  {entry.target && (
                    <bdi className="activity-row__target" dir="auto" title={entry.target}>
                      {entry.target}
                    </bdi>
                  )}
                </div>
                {summary && (
                  // dir="auto" on the line itself, so the ellipsis cuts the end of the text, not its start.
                  <p className="activity-row__detail" dir="auto" title={fullDetail(entry.detail)}>
                    {summary}
                  </p>
                )}
                <p className="activity-row__meta">
                  <Trans i18nKey="dashboard.activity.by" values={{ actor: entry.actor }} components={{ actor: <bdi /> }} />
                  {t('common.listSeparator')}
                  <time dateTime={entry.ts}>{format.dateTime(entry.ts)}</time>
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
