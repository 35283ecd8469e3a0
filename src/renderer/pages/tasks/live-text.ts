import type { ModelRole } from '../../../shared/providers';
import { TERMINAL_STATUSES, type TokenDelta } from '../../../shared/tasks';
import type { TaskEvent } from './task-view-state';

/** The text of the model turn that is streaming now; it is never stored, the finished message is. */
export interface LiveText {
  stepId: string | null;
  role: ModelRole;
  text: string;
}

/** Adds a streamed piece: to the same turn (role and step), or as the start of a new one. */
export function appendToken(current: LiveText | null, delta: TokenDelta): LiveText {
  if (current && current.role === delta.role && current.stepId === delta.stepId) return { ...current, text: current.text + delta.delta };
  return { stepId: delta.stepId, role: delta.role, text: delta.delta };
}

/**
 * Whether an event ends the live text, because the finished version is now shown or the turn stopped:
 * the turn's message, the reviewer's verdict, the record of the model call (a failed attempt ends
 * there, and a fallback model starts afresh), its step leaving `running`, or the task stopping.
 */
export function endsLiveText(current: LiveText | null, event: TaskEvent): boolean {
  if (!current) return false;
  switch (event.type) {
    case 'message':
      return event.message.role === current.role && event.message.stepId === current.stepId;
    case 'review':
      return current.role === 'reviewer';
    case 'modelCall':
      return event.modelCall.role === current.role;
    case 'step':
      return event.step.id === current.stepId && event.step.status !== 'running';
    case 'task':
      return TERMINAL_STATUSES.includes(event.task.status);
    case 'toolCall':
      return false;
  }
}
