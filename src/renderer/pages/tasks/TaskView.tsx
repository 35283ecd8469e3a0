import { useCallback, useId } from 'react';
import type { Task, ToolCallRecord } from '../../../shared/tasks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { TaskChat } from './TaskChat';
import { TaskHeader } from './TaskHeader';
import { TaskPlan } from './TaskPlan';
import { TaskUsage } from './TaskUsage';
import { useTaskDetail } from './use-task-detail';

/** One task: its status and controls, the plan, the conversation as it happens, and what it cost. Key it by task id. */
export function TaskView({ taskId }: { taskId: string }) {
  const headingId = useId();
  const { detail, error, reload, apply, loadOlder, older } = useTaskDetail(taskId);
  // Stable, so the memoised tool cards do not all re-render each time the task changes.
  const onTask = useCallback((task: Task) => apply({ type: 'task', task }), [apply]);
  const onToolCall = useCallback((toolCall: ToolCallRecord) => apply({ type: 'toolCall', toolCall }), [apply]);

  if (!detail) {
    return error !== null ? <ErrorNotice error={error} onRetry={reload} testId="task-load-error" /> : <LoadingState />;
  }
  return (
    <article className="task-view stack" aria-labelledby={headingId} data-testid="task-view" data-task-id={detail.task.id}>
      <TaskHeader task={detail.task} headingId={headingId} onChange={onTask} />
      {/* A reload after a reconnect failed: the last answer stays, with a way to try again. */}
      {error !== null && <ErrorNotice error={error} onRetry={reload} testId="task-load-error" />}
      <TaskPlan steps={detail.steps} status={detail.task.status} />
      <TaskChat detail={detail} onToolCall={onToolCall} onShowEarlier={loadOlder} earlier={older} />
      <TaskUsage usage={detail.task.usage} calls={detail.modelCalls} callCount={detail.totals.modelCalls} unpricedCount={detail.totals.unpricedModelCalls} />
    </article>
  );
}
