import type { ErrorCode } from '../../shared/errors';
import type { FinishReason } from '../../shared/tasks';

export interface StopCause {
  code: ErrorCode;
  message: string;
  hint: string;
}

/**
 * Why an answer that arrived is not whole: cut at the output limit, or stopped by the provider's filter.
 * Such an answer never counts as done work, whatever it says.
 */
export function stopCause(reason: FinishReason): StopCause | null {
  if (reason === 'length') {
    return { code: 'MODEL_STOPPED', message: 'the model reached its output limit mid-answer', hint: 'Resume the task to try again, or pick a model with a larger output limit.' };
  }
  if (reason === 'content-filter') {
    return { code: 'MODEL_STOPPED', message: 'the provider’s content filter stopped the answer', hint: 'Rephrase the goal, or pick another model.' };
  }
  return null;
}
