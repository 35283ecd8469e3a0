import { TERMINAL_STATUSES, type Task, type TaskStatus } from '../../../shared/tasks';

export interface TaskFilter {
  status?: TaskStatus | undefined;
  active?: boolean | undefined;
  query?: string | undefined;
}

/** Whether the host's `tasks.list` would return this task for the filter (its search is a case-insensitive substring of the goal). */
export function matchesTaskFilter(task: Task, filter: TaskFilter): boolean {
  if (filter.status !== undefined && task.status !== filter.status) return false;
  if (filter.active && TERMINAL_STATUSES.includes(task.status)) return false;
  return !filter.query || task.goal.toLowerCase().includes(filter.query.toLowerCase());
}
