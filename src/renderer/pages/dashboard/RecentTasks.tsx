import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { TaskListRow } from '../tasks/TaskListRow';
import { useTaskList } from '../tasks/use-task-list';

const LATEST = { page: 1, pageSize: 5 };

/** The five newest tasks, whatever their status. */
export function RecentTasks() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useTaskList(LATEST);
  return (
    <Panel
      title={t('dashboard.recentTasks.title')}
      description={t('dashboard.recentTasks.description')}
      actions={
        <a className="text-link" href="#/tasks">
          {t('dashboard.recentTasks.viewAll')}
        </a>
      }
    >
      {error !== null && <ErrorNotice error={error} onRetry={reload} testId="recent-tasks-error" />}
      {data === undefined && loading && <LoadingState />}
      {data?.tasks.length === 0 && <EmptyState testId="recent-tasks-empty">{t('dashboard.recentTasks.empty')}</EmptyState>}
      {data !== undefined && data.tasks.length > 0 && (
        <ul className="row-list">
          {data.tasks.map((task) => (
            <TaskListRow key={task.id} task={task} testId="recent-task" />
          ))}
        </ul>
      )}
    </Panel>
  );
}
