import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelCallRecord, Usage } from '../../../shared/tasks';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { useFormatters } from '../../hooks/use-formatters';

interface TaskUsageProps {
  /** The task's totals, kept on the task as each call is stored. */
  usage: Usage;
  /** The calls of the timeline pages loaded, oldest first. */
  calls: readonly ModelCallRecord[];
  /** All the task's calls, and those without a price (local models, or one missing from the price list). */
  callCount: number;
  unpricedCount: number;
}

/** What the task cost: tokens and dollars over all its model calls, then each call loaded, in order. */
// Memoised: the task view re-renders on every event, the usage only when a model call lands.
export const TaskUsage = memo(function TaskUsage({ usage, calls, callCount, unpricedCount }: TaskUsageProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Panel title={t('tasks.usage.title')} className="task-usage">
      <p className="task-cost" data-testid="task-cost">
        {t('tasks.usage.summary', { input: format.number(usage.inputTokens), output: format.number(usage.outputTokens), cost: format.usd(usage.costUsd) })}
        {unpricedCount > 0 && <span className="task-cost__note"> {t('tasks.usage.unpriced', { count: unpricedCount })}</span>}
      </p>
      {/* Older calls come with older pages of the conversation ("Show earlier"). */}
      {calls.length < callCount && (
        <p className="task-usage__shown" data-testid="model-calls-shown">
          {t('tasks.usage.shownOf', { count: callCount, shown: format.number(calls.length) })}
        </p>
      )}
      {callCount === 0 && <EmptyState testId="model-calls-empty">{t('tasks.usage.none')}</EmptyState>}
      {calls.length > 0 && (
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
              {!call.ok && <ModelCallFailure call={call} />}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
});

/** A failed call as it was: the cause in the user's language, the provider's words, and what the model answered. */
function ModelCallFailure({ call }: { call: ModelCallRecord }) {
  const { t } = useTranslation();
  return (
    <div className="model-call__failure" data-testid="model-call-failure" data-code={call.errorCode ?? undefined}>
      {call.errorCode && <p className="model-call__cause">{t(`errors.codes.${call.errorCode}.title`)}</p>}
      {call.finishReason && call.finishReason !== 'stop' && <p className="model-call__facts">{t('tasks.usage.finish', { reason: t(`tasks.finishReasons.${call.finishReason}`) })}</p>}
      {call.error && (
        <p className="model-call__error" dir="auto">
          {call.error}
        </p>
      )}
      {call.rawReply !== null && (
        <details className="model-call__reply">
          <summary>{t('tasks.usage.rawReply')}</summary>
          <pre dir="auto" className="code-box model-call__reply-text" data-testid="model-call-reply">
            {call.rawReply}
          </pre>
        </details>
      )}
    </div>
  );
}
