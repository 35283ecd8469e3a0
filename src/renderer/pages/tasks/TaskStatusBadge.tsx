import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '../../../shared/tasks';

/** The status of a task in words, coloured by what it asks of the user: wait, act, or nothing. */
export function TaskStatusBadge({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tag status-badge status-badge--${status}`} data-status={status} data-testid={testId}>
      {t(`tasks.status.${status}`)}
    </span>
  );
}
