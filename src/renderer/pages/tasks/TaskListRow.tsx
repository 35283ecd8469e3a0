import type { Task } from '../../../shared/tasks';
import { classNames } from '../../components/class-names';
import { useFormatters } from '../../hooks/use-formatters';
import { taskHref } from '../../navigation/route';
import { TaskStatusBadge } from './TaskStatusBadge';

/** One task in a list: its goal, status and start time, linking to its conversation. */
export function TaskListRow({ task, selected = false, testId = 'task-list-row' }: { task: Task; selected?: boolean; testId?: string }) {
  const format = useFormatters();
  return (
    <li>
      <a
        className={classNames('task-row', selected && 'task-row--selected')}
        href={taskHref(task.id)}
        aria-current={selected ? 'page' : undefined}
        data-testid={testId}
        data-status={task.status}
      >
        <span className="task-row__goal" dir="auto" title={task.goal.length > 120 ? task.goal.slice(0, 1000) : undefined}>
          {task.goal}
        </span>
        <span className="task-row__meta">
          <TaskStatusBadge status={task.status} />
          <time dateTime={task.createdAt}>{format.dateTime(task.createdAt)}</time>
        </span>
      </a>
    </li>
  );
}
