import { resolve } from 'node:path';
import { resolveFolder } from '../core/files/folder';
import { AuraError } from '../shared/errors';
import type { CommandContext } from './commands';
import { confirm } from './confirm';

/** `aura tools list`: every registered tool with its risk; `--json` adds the input schemas. */
export async function toolsList(ctx: CommandContext): Promise<number> {
  const tools = ctx.app.tools.list();
  if (ctx.json) ctx.out(JSON.stringify(tools, null, 2));
  else for (const tool of tools) ctx.out(`${tool.name.padEnd(8)} ${tool.risk.padEnd(8)} ${tool.description}`);
  return 0;
}

/**
 * `aura tools call NAME 'JSON'`: one tool through the same gate and audit as the agent's calls. Calls
 * that would ask in the UI are asked on the terminal, and refused when there is none, unless `--yes`.
 */
export async function toolsCall(ctx: CommandContext): Promise<number> {
  const [name, json, ...rest] = ctx.args;
  if (!name || rest.length) throw new AuraError('BAD_REQUEST', "Usage: aura tools call NAME 'JSON' [--workspace DIR] [--yes]", 'See the tools with `aura tools list`.');
  let input: unknown = {};
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch {
      throw new AuraError('BAD_REQUEST', 'The tool input is not valid JSON.', `For example: aura tools call read '{"path":"README.md"}'`);
    }
  }
  const root = resolveFolder(resolve(ctx.workspace ?? process.cwd()));
  const profile = ctx.yes ? 'yes' : 'ask';
  const result = await ctx.app.runner.call({
    name,
    input,
    ctx: { roots: [root], signal: new AbortController().signal, actor: 'cli', taskId: null },
    profile,
    approve: () => confirm(`Allow ${name} ${JSON.stringify(input).slice(0, 300)}?`),
  });
  if (result.ok) {
    ctx.out(typeof result.output === 'string' ? result.output : JSON.stringify(result.output, null, 2));
    return 0;
  }
  const hint = result.status === 'denied' && !ctx.yes ? ' Run with --yes to allow it.' : '';
  throw new AuraError(result.error.code, `${result.error.message}${hint}`, result.error.hint);
}
