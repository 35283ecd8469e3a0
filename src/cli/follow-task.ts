import type { LocalClient } from '../core/host/local-client';
import { HostGone } from '../core/host/local-client';
import type { ReviewRecord, Task, TaskStep, ToolCallRecord } from '../shared/tasks';
import { RESUMABLE_STATUSES, TERMINAL_STATUSES } from '../shared/task-states';
import { CliError } from './cli-error';
import { askApproval } from './approval-question';
import { printable } from './print-result';

const FOLLOWED = ['task.updated', 'task.step', 'task.toolCall', 'task.review'];
/** With --json, everything the window would see of the task, tokens included. */
const FOLLOWED_JSON = [...FOLLOWED, 'task.message', 'task.token', 'task.modelCall'];
const STOPPED = new Set<string>(TERMINAL_STATUSES);

export interface FollowOptions {
  json: boolean;
  out: (line: string) => void;
  /** Ctrl-C: the task is cancelled on the host, then the command ends with 130. */
  stop?: AbortSignal | undefined;
}

/**
 * Starts a task with `begin` (on the host), prints its progress live, answers its approvals on the terminal
 * (a question answered in a window meanwhile is taken back), and resolves with the exit code: 0 only when
 * the task is done.
 */
export async function followTask(client: LocalClient, begin: () => Promise<Task>, { json, out: write, stop, readWhole }: FollowOptions & { readWhole: (id: string) => Promise<unknown> }): Promise<number> {
  const print = json ? (event: string, payload: unknown) => write(JSON.stringify({ event, payload })) : humanPrinter(write);
  let taskId: string | null = null;
  const early: [string, unknown][] = [];
  const questions = new Map<string, AbortController>();
  let approvals = Promise.resolve();
  let settle: (task: Task) => void = () => undefined;
  const finished = new Promise<Task>((resolve) => (settle = resolve));
  const gone = new Promise<never>((_resolve, reject) => client.onClose(() => reject(new HostGone('The Aura Work host stopped while the task ran.'))));
  gone.catch(() => undefined);

  const onEvent = (event: string, payload: unknown) => {
    const ofTask = (payload as { taskId?: string }).taskId ?? (event === 'task.updated' ? (payload as Task).id : undefined);
    if (taskId === null) return void early.push([event, payload]);
    if (ofTask !== taskId) return;
    print(event, payload);
    if (event === 'task.updated' && STOPPED.has((payload as Task).status)) settle(payload as Task);
    if (event !== 'task.toolCall') return;
    const toolCall = payload as ToolCallRecord;
    if (toolCall.status !== 'waiting_approval') {
      questions.get(toolCall.id)?.abort();
      questions.delete(toolCall.id);
      return;
    }
    if (questions.has(toolCall.id)) return;
    const question = new AbortController();
    questions.set(toolCall.id, question);
    // One question at a time: calls of one turn wait together, and one "y" must answer one of them.
    approvals = approvals.then(() => answerApproval(client, toolCall, question.signal, json, write)).catch((err: unknown) => write(`Could not answer the approval: ${err instanceof Error ? err.message : String(err)}`));
  };
  await client.subscribe(json ? FOLLOWED_JSON : FOLLOWED, onEvent);
  const onStop = () => {
    write('aura: cancelling the task…');
    if (taskId) void client.call('tasks.cancel', { id: taskId }).catch(() => undefined);
  };
  stop?.addEventListener('abort', onStop, { once: true });
  try {
    const task = await begin();
    taskId = task.id;
    if (stop?.aborted) onStop();
    for (const [event, payload] of early) onEvent(event, payload);
    let last: Task;
    try {
      last = await Promise.race([finished, gone]);
    } catch (err) {
      if (err instanceof HostGone) throw new CliError('HOST_UNREACHABLE', `${err.message} Task ${task.id} is left interrupted.`, `Resume it: aura tasks resume ${task.id}`);
      throw err;
    }
    if (json) write(JSON.stringify({ event: 'task.detail', payload: await readWhole(last.id) }));
    else
      write(
        last.status === 'done'
          ? `\nDone. Task ${last.id}`
          : `\nTask ${last.status}: ${last.error ? `${last.error.message}${last.error.hint ? ` ${last.error.hint}` : ''} [${last.error.code}]` : ''}\nSee: aura tasks show ${last.id}${RESUMABLE_STATUSES.includes(last.status) ? `\nResume: aura tasks resume ${last.id}` : ''}`,
      );
    if (stop?.aborted) return 130;
    return last.status === 'done' ? 0 : 1;
  } finally {
    stop?.removeEventListener('abort', onStop);
    for (const question of questions.values()) question.abort();
  }
}

async function answerApproval(client: LocalClient, toolCall: ToolCallRecord, withdrawn: AbortSignal, json: boolean, out: (line: string) => void): Promise<void> {
  if (withdrawn.aborted) return;
  // A script is never left waiting: with no terminal to ask, the answer is no (askApproval says so).
  if (!process.stdin.isTTY && !json) out(`Refused ${toolCall.name}: it needs approval and there is no terminal to ask. Run with --yes or --profile auto-edit.`);
  const answer = await askApproval(`Allow ${toolCall.name} (${toolCall.risk ?? 'unknown risk'}) ${printable(JSON.stringify(toolCall.input).slice(0, 300))}?`, withdrawn);
  if (withdrawn.aborted) return;
  const reply = await client.call('approvals.answer', { toolCallId: toolCall.id, ...answer });
  if (!reply.ok) return out(`Could not answer the approval: ${reply.error.message}`);
  if (json) return;
  if (answer.decision === 'task') out(`   ${toolCall.name} is allowed for the rest of this task.`);
  if (answer.decision === 'always') {
    // The rule went into the task's profile (a built-in one was copied first, and the copy made active).
    const overview = await client.call('tasks.get', { id: toolCall.taskId, limit: 1 });
    const profile = overview.ok ? (overview.result as { task: Task }).task.profile : null;
    out(`   ${toolCall.name} is now always allowed${profile ? ` under the profile ${profile} (aura profiles show ${profile})` : ''}.`);
  }
}

function humanPrinter(write: (line: string) => void) {
  const out = (line: string) => write(printable(line));
  const announced = new Set<string>();
  return (event: string, payload: unknown) => {
    if (event === 'task.step') {
      const step = payload as TaskStep;
      const key = `${step.id}:${step.status}`;
      if (announced.has(key)) return;
      announced.add(key);
      const marks: Record<string, string> = { pending: '  ', running: '▶ ', done: '✔ ', failed: '✘ ', needs_attention: '! ', skipped: '- ' };
      out(`${marks[step.status] ?? ''}${step.index + 1}. ${step.title}${step.status === 'done' && step.summary ? `\n     ${step.summary.split('\n')[0]}` : ''}`);
    } else if (event === 'task.toolCall') {
      const tool = payload as ToolCallRecord;
      if (['done', 'failed', 'denied'].includes(tool.status)) out(`   ⚙ ${tool.name} ${JSON.stringify(tool.input).slice(0, 120)} → ${tool.status}${tool.error ? ` (${tool.error.message})` : ''}`);
    } else if (event === 'task.review') {
      const review = payload as ReviewRecord;
      out(`Review ${review.round}: ${review.verdict}${review.reasons.length ? ` — ${review.reasons.join('; ')}` : ''}`);
    } else if (event === 'task.updated') {
      const task = payload as Task;
      const key = `status:${task.status}`;
      if (announced.has(key)) return;
      announced.add(key);
      out(`[${task.status}]`);
    }
  };
}
