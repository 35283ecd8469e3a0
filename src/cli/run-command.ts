import { resolve } from 'node:path';
import { AuraError, describeIssues } from '../shared/errors';
import { ModelRef, ProviderId } from '../shared/providers';
import { PermissionProfile } from '../shared/tools';
import type { EventName } from '../shared/contract';
import type { ReviewRecord, Task, TaskStep, ToolCallRecord } from '../shared/tasks';
import { call } from './cli-app';
import { confirm } from './confirm';
import type { CommandContext } from './commands';

/** `aura run "GOAL"`: starts a task, prints the plan and progress live, exits 0 only when it is done. */
export async function runGoal(ctx: CommandContext): Promise<number> {
  const goal = ctx.args.join(' ').trim();
  if (!goal) throw new AuraError('BAD_REQUEST', 'Usage: aura run "GOAL" [--workspace DIR] [--provider ID --model NAME [--base-url URL]] [--profile NAME | --yes] [--json]', 'Say what Aura should do, in quotes.');
  const model = modelFromOptions(ctx);
  const profile = ctx.yes ? 'yes' : parseProfile(ctx.profile);
  return followTask(ctx, () => call(ctx.app, 'tasks.create', { goal, workspacePath: resolve(ctx.workspace ?? process.cwd()), ...(profile ? { profile } : {}), ...(model ? { model } : {}) }));
}

/** `aura tasks resume ID`: goes on with an interrupted or failed task from its first unfinished step, live. */
export async function tasksResume(ctx: CommandContext): Promise<number> {
  const [id, ...rest] = ctx.args;
  if (!id || rest.length) throw new AuraError('BAD_REQUEST', 'Usage: aura tasks resume ID', 'Find IDs with `aura tasks list`.');
  return followTask(ctx, () => call(ctx.app, 'tasks.resume', { id }));
}

/** Starts a task with `begin`, prints its progress live, answers approvals on the terminal, and exits 0 only when it is done. */
async function followTask(ctx: CommandContext, begin: () => Promise<Task>): Promise<number> {
  const print = ctx.json ? (event: string, payload: unknown) => ctx.out(JSON.stringify({ event, payload })) : humanPrinter(ctx.out);
  let taskId: string | null = null;
  let approvals = Promise.resolve();
  // Each waiting call's question, taken back when the call stops waiting or the task ends.
  const questions = new Map<string, AbortController>();
  const early: [EventName, unknown][] = [];
  const unsubscribe = ctx.app.events.subscribe((event, payload) => {
    if (event === 'audit.appended') return;
    if (taskId === null) return void early.push([event, payload]);
    if ((payload as { taskId?: string; id?: string }).taskId !== taskId && (payload as Task).id !== taskId) return;
    print(event, payload);
    if (event !== 'task.toolCall') return;
    const toolCall = payload as ToolCallRecord;
    if (toolCall.status !== 'waiting_approval') {
      questions.get(toolCall.id)?.abort();
      questions.delete(toolCall.id);
      return;
    }
    const question = new AbortController();
    questions.set(toolCall.id, question);
    // One question at a time: calls of one turn wait together, and one "y" must answer one of them.
    approvals = approvals
      .then(() => askApproval(ctx, toolCall, question.signal))
      .catch((err: unknown) => ctx.out(`Could not answer the approval: ${err instanceof Error ? err.message : String(err)}`));
  });
  try {
    const task = await begin();
    taskId = task.id;
    for (const [event, payload] of early) if ((payload as Task).id === taskId || (payload as { taskId?: string }).taskId === taskId) print(event, payload);
    const finished = await ctx.app.agent.settled(task.id);
    if (ctx.json) ctx.out(JSON.stringify({ event: 'task.detail', payload: ctx.app.tasks.detail(task.id) }));
    else ctx.out(finished.status === 'done' ? `\nDone. Task ${finished.id}` : `\nTask ${finished.status}: ${finished.error ? `${finished.error.message}${finished.error.hint ? ` ${finished.error.hint}` : ''} [${finished.error.code}]` : ''}\nSee: aura tasks show ${finished.id}${finished.status === 'interrupted' || finished.status === 'failed' ? `\nResume: aura tasks resume ${finished.id}` : ''}`);
    return finished.status === 'done' ? 0 : 1;
  } finally {
    unsubscribe();
    for (const question of questions.values()) question.abort();
  }
}

function parseProfile(value: string | undefined): PermissionProfile | undefined {
  if (value === undefined) return undefined;
  const parsed = PermissionProfile.safeParse(value);
  if (!parsed.success) throw new AuraError('BAD_REQUEST', `Unknown profile "${value}".`, `Profiles: ${PermissionProfile.options.join(', ')}.`);
  return parsed.data;
}

function modelFromOptions(options: CommandContext): ModelRef | undefined {
  if (!options.provider && !options.model && !options.baseUrl) return undefined;
  if (!options.provider || !options.model) throw new AuraError('BAD_REQUEST', '--provider and --model go together.', 'For example: --provider openai-compatible --base-url http://127.0.0.1:11434/v1 --model llama3.2');
  const parsed = ModelRef.safeParse({ provider: options.provider, model: options.model, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  if (!parsed.success) throw new AuraError('BAD_REQUEST', `Invalid model settings: ${describeIssues(parsed.error)}.`, `Providers: ${ProviderId.options.join(', ')}.`);
  return parsed.data;
}

async function askApproval(ctx: CommandContext, toolCall: ToolCallRecord, withdrawn: AbortSignal): Promise<void> {
  if (withdrawn.aborted) return;
  if (!process.stdin.isTTY && !ctx.json) ctx.out(`Refused ${toolCall.name}: it needs approval and there is no terminal to ask. Run with --yes or --profile auto-edit.`);
  const approve = await confirm(`Allow ${toolCall.name} (${toolCall.risk ?? 'unknown risk'}) ${JSON.stringify(toolCall.input).slice(0, 300)}?`, withdrawn);
  if (!withdrawn.aborted) await call(ctx.app, 'approvals.answer', { toolCallId: toolCall.id, approve });
}

/** Model text must not drive the terminal: control characters (escape sequences) are shown as '?'. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');

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
