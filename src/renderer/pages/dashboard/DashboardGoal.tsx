import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { openTask } from '../../navigation/route';
import { GoalComposer } from '../tasks/GoalComposer';

const GOAL_IDS = { goal: 'dashboard-goal', workspace: 'dashboard-goal-workspace', send: 'dashboard-goal-submit', error: 'dashboard-goal-error' };

/** Starts a task from the dashboard and opens its conversation. */
export function DashboardGoal() {
  const { t } = useTranslation();
  return (
    <Panel title={t('dashboard.goal.title')} description={t('dashboard.goal.description')} className="dashboard-goal">
      <GoalComposer label={t('dashboard.goal.label')} testIds={GOAL_IDS} onCreated={openTask} />
    </Panel>
  );
}
