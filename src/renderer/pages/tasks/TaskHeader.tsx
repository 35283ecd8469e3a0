import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TERMINAL_STATUSES, type Task } from '../../../shared/tasks';
import { RESUMABLE_STATUSES } from '../../../shared/task-states';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';
import { useFormatters } from '../../hooks/use-formatters';
import { TaskProfileChip } from './TaskProfileChip';
import { TaskStatusBadge } from './TaskStatusBadge';

interface TaskHeaderProps {
  task: Task;
  headingId: string;
  /** The task as the host returned it after cancel or resume. */
  onChange(task: Task): void;
}

type Action = { state: 'idle' } | { state: 'busy'; kind: 'cancel' | 'resume' } | { state: 'failed'; error: unknown };

/** The goal, status and where the task runs (and under which profile), with Cancel while it runs and Resume once it stopped short. */
export function TaskHeader({ task, headingId, onChange }: TaskHeaderProps) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormatters();
  const [action, setAction] = useState<Action>({ state: 'idle' });
  const running = !TERMINAL_STATUSES.includes(task.status);
  const resumable = RESUMABLE_STATUSES.includes(task.status);
  // A cancel under way ends with the task: once it has stopped, Resume is free to use.
  const busy = action.state === 'busy' && (action.kind === 'resume' || running);

  const run = async (kind: 'cancel' | 'resume') => {
    setAction({ state: 'busy', kind });
    try {
      const next = await client.call(kind === 'cancel' ? 'tasks.cancel' : 'tasks.resume', { id: task.id });
      onChange(next);
      // Whoever runs the task stops it (another process: at its next check), so "Cancelling…" stays until it has.
      setAction(kind === 'cancel' && !TERMINAL_STATUSES.includes(next.status) ? { state: 'busy', kind } : { state: 'idle' });
    } catch (error) {
      setAction({ state: 'failed', error });
    }
  };

  return (
    <header className="task-header">
      <div className="task-header__top">
        <h2 className="task-header__goal" id={headingId} dir="auto" title={task.goal.length > 200 ? task.goal.slice(0, 1000) : undefined}>
          {task.goal}
        </h2>
        {/* A live region, so a change of status (waiting for approval, done …) is announced. */}
        <span role="status" className="task-header__status">
          <TaskStatusBadge status={task.status} testId="task-status" />
        </span>
      </div>
      <p className="task-header__meta">
        <bdi dir="ltr" className="mono">
          {task.workspacePath}
        </bdi>
        {t('common.listSeparator')}
        <TaskProfileChip profile={task.profile} />
        {t('common.listSeparator')}
        {t('tasks.header.started', { date: format.dateTime(task.createdAt) })}
      </p>
      {(running || resumable) && (
        <div className="button-row">
          {running && (
            <Button variant="danger" size="sm" onClick={() => void run('cancel')} disabled={busy} busy={busy && action.kind === 'cancel'} data-testid="task-cancel">
              {busy && action.kind === 'cancel' ? t('tasks.header.cancelling') : t('tasks.header.cancel')}
            </Button>
          )}
          {resumable && (
            <Button variant="primary" size="sm" onClick={() => void run('resume')} disabled={busy} busy={busy && action.kind === 'resume'} data-testid="task-resume">
              {busy && action.kind === 'resume' ? t('tasks.header.resuming') : t('tasks.header.resume')}
            </Button>
          )}
        </div>
      )}
      {task.error !== null &&
        (task.status === 'failed' ? (
          <ErrorNotice error={task.error} testId="task-error" />
        ) : (
          <div className="notice notice--info" data-testid="task-error" data-code={task.error.code}>
            <p className="notice__message">{t(`errors.codes.${task.error.code}.title`)}</p>
            <p className="notice__hint">{t(`errors.codes.${task.error.code}.hint`)}</p>
          </div>
        ))}
      {action.state === 'failed' && <ErrorNotice error={action.error} testId="task-action-error" />}
    </header>
  );
}
