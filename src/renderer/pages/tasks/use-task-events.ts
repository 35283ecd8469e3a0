import { useEvent } from '../../hooks/use-event';
import type { TaskEvent } from './task-view-state';

/** Listens to every event that changes a task's record, as one stream of TaskEvents. */
export function useTaskEvents(listener: (event: TaskEvent) => void): void {
  useEvent('task.updated', (task) => listener({ type: 'task', task }));
  useEvent('task.step', (step) => listener({ type: 'step', step }));
  useEvent('task.message', (message) => listener({ type: 'message', message }));
  useEvent('task.toolCall', (toolCall) => listener({ type: 'toolCall', toolCall }));
  useEvent('task.review', (review) => listener({ type: 'review', review }));
  useEvent('task.modelCall', (modelCall) => listener({ type: 'modelCall', modelCall }));
}
