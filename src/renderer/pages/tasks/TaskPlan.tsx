import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanStep } from '../../../shared/task-history';
import type { TaskStatus } from '../../../shared/tasks';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { useFormatters } from '../../hooks/use-formatters';
import { planWindow } from './plan-window';

/** The steps the planner chose, in order, each with how far it got; of a long plan, the part the task is at. */
// Memoised: the task view re-renders on every event, the plan only when a step or the status changes.
export const TaskPlan = memo(function TaskPlan({ steps, status }: { steps: readonly PlanStep[]; status: TaskStatus }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [all, setAll] = useState(false);
  const around = planWindow(steps);
  const partial = around.to - around.from < steps.length;
  const { from, to } = all ? { from: 0, to: steps.length } : around;
  return (
    <Panel title={t('tasks.plan.title')} className="task-plan">
      {steps.length === 0 ? (
        <EmptyState testId="plan-empty">{status === 'planning' ? t('tasks.plan.planning') : t('tasks.plan.empty')}</EmptyState>
      ) : (
        <>
          {partial && (
            <p className="plan-window" data-testid="plan-window">
              {all
                ? t('tasks.plan.allSteps', { total: format.number(steps.length) })
                : t('tasks.plan.window', { from: format.number(from + 1), to: format.number(to), total: format.number(steps.length) })}{' '}
              <Button size="sm" variant="ghost" onClick={() => setAll(!all)} aria-expanded={all} data-testid="plan-show-all">
                {all ? t('tasks.plan.showFewer') : t('tasks.plan.showAll', { total: format.number(steps.length) })}
              </Button>
            </p>
          )}
          <ol className={partial ? 'plan plan--long' : 'plan'} start={from + 1}>
            {steps.slice(from, to).map((step, position) => (
              <li key={step.id} className={`plan-step plan-step--${step.status}`} data-testid="plan-step" data-status={step.status}>
                <span className="plan-step__marker" aria-hidden="true">
                  {from + position + 1}
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
        </>
      )}
    </Panel>
  );
});
