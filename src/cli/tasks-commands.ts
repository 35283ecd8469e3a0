import { AuraError } from '../shared/errors';
import { call } from './cli-app';
import type { CommandContext } from './commands';
import { readWholeTask, stepConclusions } from './read-task-history';

/** `aura tasks list`: newest first, with status and cost. */
export async function tasksList(ctx: CommandContext): Promise<number> {
  const { tasks, total } = await call(ctx.app, 'tasks.list', { page: 1, pageSize: 50 });
  if (ctx.json) ctx.out(JSON.stringify({ tasks, total }, null, 2));
  else if (!tasks.length) ctx.out('No tasks yet. Start one: aura run "GOAL"');
  else for (const t of tasks) ctx.out(`${t.id}  ${t.status.padEnd(16)} $${t.usage.costUsd.toFixed(4)}  ${t.goal.split('\n')[0]!.slice(0, 80)}`);
  return 0;
}

/** `aura tasks show ID`: the whole history of one task, read a page at a time. */
export async function tasksShow(ctx: CommandContext): Promise<number> {
  const [id, ...rest] = ctx.args;
  if (!id || rest.length) throw new AuraError('BAD_REQUEST', 'Usage: aura tasks show ID', 'Find IDs with `aura tasks list`.');
  const detail = await readWholeTask(ctx.app, id, { fullOutputs: ctx.json });
  if (ctx.json) {
    ctx.out(JSON.stringify(detail, null, 2));
    return 0;
  }
  const { task } = detail;
  ctx.out(`${task.goal}\nStatus: ${task.status}${task.error ? ` — ${task.error.message} [${task.error.code}]${task.error.hint ? `\n${task.error.hint}` : ''}` : ''}\nWorkspace: ${task.workspacePath}`);
  ctx.out(`Usage: ${task.usage.inputTokens} in / ${task.usage.outputTokens} out tokens, $${task.usage.costUsd.toFixed(4)}`);
  ctx.out('\nPlan:');
  const conclusions = stepConclusions(detail.messages);
  for (const step of detail.steps) ctx.out(`  ${step.index + 1}. [${step.status}] ${step.title}${conclusions.get(step.id) ? `\n       ${conclusions.get(step.id)}` : ''}`);
  ctx.out('\nTool calls:');
  for (const tool of detail.toolCalls) ctx.out(`  ${tool.name} ${JSON.stringify(tool.input).slice(0, 100)} → ${tool.status}${tool.durationMs === null ? '' : ` (${tool.durationMs} ms)`}`);
  for (const review of detail.reviews) ctx.out(`\nReview ${review.round}: ${review.verdict} ${review.reasons.join('; ')}`);
  ctx.out('\nModel calls:');
  for (const m of detail.modelCalls) {
    const outcome = m.ok ? 'ok' : `FAILED [${m.errorCode ?? 'PROVIDER_ERROR'}]${m.finishReason && m.finishReason !== 'stop' ? ` (stopped: ${m.finishReason})` : ''}: ${m.error ?? ''}`;
    ctx.out(`  ${m.role.padEnd(9)} ${m.provider}/${m.model} ${outcome} ${m.inputTokens}+${m.outputTokens} tokens ${m.durationMs} ms`);
    // What the model answered, indented, so a bad format is plain to see; --json has it whole.
    if (!m.ok && m.rawReply) ctx.out(`      model said: ${m.rawReply.slice(0, 500).replace(/\n/g, '\n      ')}${m.rawReply.length > 500 ? ' …' : ''}`);
  }
  return 0;
}
