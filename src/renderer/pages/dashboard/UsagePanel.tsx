import { useTranslation } from 'react-i18next';
import { TaskStatus } from '../../../shared/tasks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useCoalescedCallback } from '../../hooks/use-coalesced-callback';
import { useEvent } from '../../hooks/use-event';
import { useFormatters } from '../../hooks/use-formatters';
import { useProcedure } from '../../hooks/use-procedure';

// Model calls come in bursts while tasks run: one refresh per half second is plenty for totals.
const REFRESH_DELAY_MS = 500;

/** Tokens and dollars spent over all tasks, and how many tasks are in each status. */
export function UsagePanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, error, loading, reload } = useProcedure('usage.summary', {});
  const refresh = useCoalescedCallback(reload, REFRESH_DELAY_MS);
  useEvent('task.modelCall', refresh);
  useEvent('task.updated', refresh);

  const statuses = data ? TaskStatus.options.filter((status) => (data.byStatus[status] ?? 0) > 0) : [];
  return (
    <Panel title={t('dashboard.usage.title')} description={t('dashboard.usage.description')}>
      {error !== null && <ErrorNotice error={error} onRetry={reload} testId="usage-error" />}
      {data === undefined && loading && <LoadingState />}
      {data && (
        <>
          <p className="usage-total" data-testid="usage-total">
            {t('dashboard.usage.total', {
              tokens: format.number(data.total.inputTokens + data.total.outputTokens),
              cost: format.usd(data.total.costUsd),
            })}
          </p>
          <dl className="facts">
            <div className="facts__row">
              <dt className="facts__label">{t('dashboard.usage.input')}</dt>
              <dd className="facts__value">{format.number(data.total.inputTokens)}</dd>
            </div>
            <div className="facts__row">
              <dt className="facts__label">{t('dashboard.usage.output')}</dt>
              <dd className="facts__value">{format.number(data.total.outputTokens)}</dd>
            </div>
            <div className="facts__row">
              <dt className="facts__label">{t('dashboard.usage.running')}</dt>
              <dd className="facts__value" data-testid="usage-running">
                {format.number(data.running)}
              </dd>
            </div>
            {statuses.map((status) => (
              <div className="facts__row" key={status}>
                <dt className="facts__label">{t(`tasks.status.${status}`)}</dt>
                <dd className="facts__value">{format.number(data.byStatus[status] ?? 0)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </Panel>
  );
}
