import { useTranslation } from 'react-i18next';
import type { Task } from '../../../shared/tasks';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { TaskListRow } from '../tasks/TaskListRow';
import { useTaskList } from '../tasks/use-task-list';

const PAGE = { page: 1, pageSize: 20 } as const;

/** Every task that has not stopped: planning, running, waiting for approval or in review. */
export function RunningTasks() {
  const { t } = useTranslation();
  const list = useTaskList({ ...PAGE, active: true });
  const failed = list.error !== null ? list : undefined;
  const loaded = list.data !== undefined;
  // Tasks waiting for the user come first, then the rest, newest first as listed.
  const tasks: Task[] = list.data?.tasks ?? [];
  const waiting = tasks.filter((task) => task.status === 'waiting_approval');
  const others = tasks.filter((task) => task.status !== 'waiting_approval');

  return (
    <Panel
      title={t('dashboard.running.title')}
      description={t('dashboard.running.description')}
      actions={loaded && <span className="count-badge">{t('dashboard.running.count', { count: tasks.length })}</span>}
    >
      {failed && (
        <ErrorNotice
          error={failed.error}
          onRetry={list.reload}
          testId="running-error"
        />
      )}
      {!loaded && !failed && <LoadingState />}
      {loaded && tasks.length === 0 && <EmptyState testId="running-empty">{t('dashboard.running.empty')}</EmptyState>}
      {tasks.length > 0 && (
        <ul className="row-list">
          {[...waiting, ...others].map((task) => (
            <TaskListRow key={task.id} task={task} testId="running-task" />
          ))}
        </ul>
      )}
    </Panel>
  );
}
