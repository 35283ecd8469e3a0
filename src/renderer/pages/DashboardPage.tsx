import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import { Panel } from '../components/Panel';
import { useSettings } from '../hooks/use-settings';
import { useWorkspaces } from '../hooks/use-workspaces';
import { AddWorkspaceForm } from './dashboard/AddWorkspaceForm';
import { DetectProviders } from './providers/DetectProviders';
import { DashboardGoal } from './dashboard/DashboardGoal';
import { RecentActivity } from './dashboard/RecentActivity';
import { RecentTasks } from './dashboard/RecentTasks';
import { RunningTasks } from './dashboard/RunningTasks';
import { UsagePanel } from './dashboard/UsagePanel';
import { WorkspaceList } from './dashboard/WorkspaceList';

export function DashboardPage() {
  const { t } = useTranslation();
  const workspaces = useWorkspaces();
  const { settings } = useSettings();
  const count = workspaces.data?.length;
  const routes = settings?.modelRoutes;
  const noModel = routes !== undefined && !routes.planner.length && !routes.executor.length && !routes.reviewer.length;
  return (
    <div className="page">
      <PageHeader title={t('dashboard.title')} subtitle={t('dashboard.subtitle')} />
      {noModel && (
        <div data-testid="first-run-models">
          <DetectProviders auto title={t('dashboard.firstRun.title')} description={t('dashboard.firstRun.description')} />
        </div>
      )}
      <DashboardGoal />
      <div className="dashboard-grid">
        <RunningTasks />
        <RecentTasks />
        <UsagePanel />
        <Panel
          title={t('dashboard.workspaces.title')}
          description={t('dashboard.workspaces.description')}
          actions={count !== undefined && <span className="count-badge">{t('dashboard.workspaces.count', { count })}</span>}
        >
          <WorkspaceList workspaces={workspaces} defaultWorkspaceId={settings?.defaultWorkspace ?? null} />
          <AddWorkspaceForm onAdded={workspaces.reload} />
        </Panel>
        <RecentActivity />
      </div>
    </div>
  );
}
