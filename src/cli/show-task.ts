import { TIMELINE_PAGE_MAX, type PlanStep, type TaskOverview, type TimelinePage, type ToolCallPreview } from '../shared/task-history';
import type { ModelCallRecord, ReviewRecord, Task, TaskMessage } from '../shared/tasks';
import { printable } from './print-result';

export type Call = (method: string, input: unknown) => Promise<unknown>;

export interface WholeTask {
  task: Task;
  steps: PlanStep[];
  messages: TaskMessage[];
  toolCalls: ToolCallPreview[];
  reviews: ReviewRecord[];
  modelCalls: ModelCallRecord[];
}

/**
 * A task's whole history, read through the same procedures as the window: the newest page, then each
 * page before it, the largest pages the contract allows. With `fullOutputs`, every output a page cut to a
 * preview is fetched whole (for --json, which promises all of it).
 */
export async function readWholeTask(call: Call, id: string, { fullOutputs }: { fullOutputs: boolean }): Promise<WholeTask> {
  const first = (await call('tasks.get', { id, limit: TIMELINE_PAGE_MAX })) as TaskOverview;
  const whole: WholeTask = { task: first.task, steps: first.steps, messages: first.messages, toolCalls: first.toolCalls, reviews: first.reviews, modelCalls: first.modelCalls };
  let { cursor, hasOlder } = first;
  while (hasOlder && cursor) {
    const page = (await call('tasks.history', { id, before: cursor, limit: TIMELINE_PAGE_MAX })) as TimelinePage;
    whole.messages = [...page.messages, ...whole.messages];
    whole.toolCalls = [...page.toolCalls, ...whole.toolCalls];
    whole.reviews = [...page.reviews, ...whole.reviews];
    whole.modelCalls = [...page.modelCalls, ...whole.modelCalls];
    ({ cursor, hasOlder } = page);
  }
  if (fullOutputs) {
    for (const [index, toolCall] of whole.toolCalls.entries()) {
      if (!toolCall.outputTruncated) continue;
      const { output } = (await call('tasks.toolCallOutput', { id: toolCall.id })) as { output: unknown };
      whole.toolCalls[index] = { ...toolCall, output, outputTruncated: false };
    }
  }
  return whole;
}

/** What each step concluded: the first line of its last executor message (the text its summary is cut from). */
function stepConclusions(messages: readonly TaskMessage[]): Map<string, string> {
  const conclusions = new Map<string, string>();
  for (const message of messages) if (message.stepId && message.role === 'executor') conclusions.set(message.stepId, message.content.split('\n')[0] ?? '');
  return conclusions;
}

/** `aura tasks show ID`: the whole history of one task. */
export async function showTask(call: Call, id: string, json: boolean, write: (line: string) => void): Promise<number> {
  const detail = await readWholeTask(call, id, { fullOutputs: json });
  if (json) return write(JSON.stringify(detail, null, 2)), 0;
  const out = (line: string) => write(printable(line));
  const { task } = detail;
  out(`${task.goal}\nStatus: ${task.status}${task.error ? ` — ${task.error.message} [${task.error.code}]${task.error.hint ? `\n${task.error.hint}` : ''}` : ''}\nWorkspace: ${task.workspacePath}`);
  out(`Usage: ${task.usage.inputTokens} in / ${task.usage.outputTokens} out tokens, $${task.usage.costUsd.toFixed(4)}`);
  out('\nPlan:');
  const conclusions = stepConclusions(detail.messages);
  for (const step of detail.steps) out(`  ${step.index + 1}. [${step.status}] ${step.title}${conclusions.get(step.id) ? `\n       ${conclusions.get(step.id)}` : ''}`);
  out('\nTool calls:');
  for (const tool of detail.toolCalls) out(`  ${tool.name} ${JSON.stringify(tool.input).slice(0, 100)} → ${tool.status}${tool.durationMs === null ? '' : ` (${tool.durationMs} ms)`}`);
  for (const review of detail.reviews) out(`\nReview ${review.round}: ${review.verdict} ${review.reasons.join('; ')}`);
  out('\nModel calls:');
  for (const m of detail.modelCalls) {
    const outcome = m.ok ? 'ok' : `FAILED [${m.errorCode ?? 'PROVIDER_ERROR'}]${m.finishReason && m.finishReason !== 'stop' ? ` (stopped: ${m.finishReason})` : ''}: ${m.error ?? ''}`;
    out(`  ${m.role.padEnd(9)} ${m.provider}/${m.model} ${outcome} ${m.inputTokens}+${m.outputTokens} tokens ${m.durationMs} ms`);
    // What the model answered, indented, so a bad format is plain to see; --json has it whole.
    if (!m.ok && m.rawReply) out(`      model said: ${m.rawReply.slice(0, 500).replace(/\n/g, '\n      ')}${m.rawReply.length > 500 ? ' …' : ''}`);
  }
  return 0;
}
