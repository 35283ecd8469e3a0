import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelCallRecord } from '../../../shared/tasks';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { useFormatters } from '../../hooks/use-formatters';
import { summarizeModelCalls } from './task-cost';

/** What the task cost: tokens and dollars over all its model calls, then each call in order. */
// Memoised: the task view re-renders on every event, the usage only when a model call lands.
export const TaskUsage = memo(function TaskUsage({ calls }: { calls: readonly ModelCallRecord[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const summary = useMemo(() => summarizeModelCalls(calls), [calls]);
  return (
    <Panel title={t('tasks.usage.title')} className="task-usage">
      <p className="task-cost" data-testid="task-cost">
        {t('tasks.usage.summary', { input: format.number(summary.inputTokens), output: format.number(summary.outputTokens), cost: format.usd(summary.costUsd) })}
        {summary.unpricedCalls > 0 && <span className="task-cost__note"> {t('tasks.usage.unpriced', { count: summary.unpricedCalls })}</span>}
      </p>
      {calls.length === 0 ? (
        <EmptyState testId="model-calls-empty">{t('tasks.usage.none')}</EmptyState>
      ) : (
        <ol className="row-list model-calls">
          {calls.map((call) => (
            <li key={call.id} className="model-call" data-testid="model-call" data-ok={call.ok}>
              <p className="model-call__main">
                <span className="model-call__role">{t(`tasks.roles.${call.role}`)}</span>
                <bdi dir="ltr" className="mono model-call__model">
                  {call.provider}/{call.model}
                </bdi>
                <span className={call.ok ? 'tag tag--success' : 'tag tag--danger'}>{call.ok ? t('tasks.usage.ok') : t('tasks.usage.failed')}</span>
              </p>
              <p className="model-call__facts">
                {t('tasks.usage.tokens', { input: format.number(call.inputTokens), output: format.number(call.outputTokens) })}
                {t('common.listSeparator')}
                {call.costUsd === null ? t('tasks.usage.noPrice') : format.usd(call.costUsd)}
                {t('common.listSeparator')}
                {format.elapsed(call.durationMs)}
              </p>
              {call.error && (
                <p className="model-call__error" dir="auto">
                  {call.error}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
});
