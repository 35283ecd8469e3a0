import type { AuraApp } from '../core/app';
import { TIMELINE_PAGE_MAX, type PlanStep, type ToolCallPreview } from '../shared/task-history';
import type { ModelCallRecord, ReviewRecord, Task, TaskMessage } from '../shared/tasks';
import { call } from './cli-app';

export interface WholeTask {
  task: Task;
  steps: PlanStep[];
  messages: TaskMessage[];
  toolCalls: ToolCallPreview[];
  reviews: ReviewRecord[];
  modelCalls: ModelCallRecord[];
}

/**
 * A task's whole history for `aura tasks show`, read through the same procedures as the window: the
 * newest page, then each page before it, the largest pages the contract allows. With `fullOutputs`,
 * every output a page cut to a preview is fetched whole (for --json, which promises all of it).
 */
export async function readWholeTask(app: AuraApp, id: string, { fullOutputs }: { fullOutputs: boolean }): Promise<WholeTask> {
  const first = await call(app, 'tasks.get', { id, limit: TIMELINE_PAGE_MAX });
  const whole: WholeTask = { task: first.task, steps: first.steps, messages: first.messages, toolCalls: first.toolCalls, reviews: first.reviews, modelCalls: first.modelCalls };
  let { cursor, hasOlder } = first;
  while (hasOlder && cursor) {
    const page = await call(app, 'tasks.history', { id, before: cursor, limit: TIMELINE_PAGE_MAX });
    whole.messages = [...page.messages, ...whole.messages];
    whole.toolCalls = [...page.toolCalls, ...whole.toolCalls];
    whole.reviews = [...page.reviews, ...whole.reviews];
    whole.modelCalls = [...page.modelCalls, ...whole.modelCalls];
    ({ cursor, hasOlder } = page);
  }
  if (fullOutputs) {
    for (const [index, toolCall] of whole.toolCalls.entries()) {
      if (!toolCall.outputTruncated) continue;
      const { output } = await call(app, 'tasks.toolCallOutput', { id: toolCall.id });
      whole.toolCalls[index] = { ...toolCall, output, outputTruncated: false };
    }
  }
  return whole;
}

/** What each step concluded: the first line of its last executor message (the text its summary is cut from). */
export function stepConclusions(messages: readonly TaskMessage[]): Map<string, string> {
  const conclusions = new Map<string, string>();
  for (const message of messages) if (message.stepId && message.role === 'executor') conclusions.set(message.stepId, message.content.split('\n')[0] ?? '');
  return conclusions;
}
