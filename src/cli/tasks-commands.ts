import { AuraError } from '../shared/errors';
import { call } from './cli-app';
import type { CommandContext } from './commands';

/** `aura tasks list`: newest first, with status and cost. */
export async function tasksList(ctx: CommandContext): Promise<number> {
  const { tasks, total } = await call(ctx.app, 'tasks.list', { page: 1, pageSize: 50 });
  if (ctx.json) ctx.out(JSON.stringify({ tasks, total }, null, 2));
  else if (!tasks.length) ctx.out('No tasks yet. Start one: aura run "GOAL"');
  else for (const t of tasks) ctx.out(`${t.id}  ${t.status.padEnd(16)} $${t.usage.costUsd.toFixed(4)}  ${t.goal.split('\n')[0]!.slice(0, 80)}`);
  return 0;
}

/** `aura tasks show ID`: the whole history of one task. */
export async function tasksShow(ctx: CommandContext): Promise<number> {
  const [id, ...rest] = ctx.args;
  if (!id || rest.length) throw new AuraError('BAD_REQUEST', 'Usage: aura tasks show ID', 'Find IDs with `aura tasks list`.');
  const detail = await call(ctx.app, 'tasks.get', { id });
  if (ctx.json) {
    ctx.out(JSON.stringify(detail, null, 2));
    return 0;
  }
  const { task } = detail;
  ctx.out(`${task.goal}\nStatus: ${task.status}${task.error ? ` — ${task.error}` : ''}\nWorkspace: ${task.workspacePath}`);
  ctx.out(`Usage: ${task.usage.inputTokens} in / ${task.usage.outputTokens} out tokens, $${task.usage.costUsd.toFixed(4)}`);
  ctx.out('\nPlan:');
  for (const step of detail.steps) ctx.out(`  ${step.index + 1}. [${step.status}] ${step.title}${step.summary ? `\n       ${step.summary.split('\n')[0]}` : ''}`);
  ctx.out('\nTool calls:');
  for (const tool of detail.toolCalls) ctx.out(`  ${tool.name} ${JSON.stringify(tool.input).slice(0, 100)} → ${tool.status}${tool.durationMs === null ? '' : ` (${tool.durationMs} ms)`}`);
  for (const review of detail.reviews) ctx.out(`\nReview ${review.round}: ${review.verdict} ${review.reasons.join('; ')}`);
  ctx.out('\nModel calls:');
  for (const m of detail.modelCalls) ctx.out(`  ${m.role.padEnd(9)} ${m.provider}/${m.model} ${m.ok ? 'ok' : `failed: ${m.error}`} ${m.inputTokens}+${m.outputTokens} tokens ${m.durationMs} ms`);
  return 0;
}
