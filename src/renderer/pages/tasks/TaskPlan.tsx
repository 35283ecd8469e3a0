import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskStatus, TaskStep } from '../../../shared/tasks';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';

/** The steps the planner chose, in order, each with how far it got. */
// Memoised: the task view re-renders on every event, the plan only when a step or the status changes.
export const TaskPlan = memo(function TaskPlan({ steps, status }: { steps: readonly TaskStep[]; status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('tasks.plan.title')} className="task-plan">
      {steps.length === 0 ? (
        <EmptyState testId="plan-empty">{status === 'planning' ? t('tasks.plan.planning') : t('tasks.plan.empty')}</EmptyState>
      ) : (
        <ol className="plan">
          {steps.map((step, position) => (
            <li key={step.id} className={`plan-step plan-step--${step.status}`} data-testid="plan-step" data-status={step.status}>
              <span className="plan-step__marker" aria-hidden="true">
                {position + 1}
              </span>
              <div className="plan-step__body">
                <p className="plan-step__title" dir="auto">
                  {step.title}
                </p>
                {step.detail && (
                  <p className="plan-step__detail" dir="auto">
                    {step.detail}
                  </p>
                )}
              </div>
              <span className="plan-step__status">{t(`tasks.stepStatus.${step.status}`)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
});
