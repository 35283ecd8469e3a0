import { resolve } from 'node:path';
import type { z } from 'zod';
import type { ToolCallInput } from '../../shared/contract';
import { AuraError } from '../../shared/errors';
import type { AuraApp } from '../app';
import { resolveFolder } from '../files/folder';
import type { CallContext } from './dispatcher';

/**
 * `tools.call`: one tool through the same gate and audit as the agent's calls, in the caller's folder.
 * Nobody can be asked from here: a call that would ask is refused unless the caller said yes up front
 * (`approved`, the CLI's --yes) or the user answered this very call (`confirmed`, the CLI asks and calls again).
 */
export async function callTool(app: AuraApp, request: z.output<typeof ToolCallInput>, ctx: CallContext): Promise<{ output: unknown }> {
  // SECURITY: a held MCP tool is not in the registry at all; say why, rather than that it does not exist.
  const held = app.mcp.heldTool(request.name);
  if (held) throw new AuraError('FORBIDDEN', `${request.name} is held: its definition on the MCP server ${held.server} is new or changed since you approved it.`, `See the change with \`aura mcp list\`, then approve it: aura mcp approve ${held.server}`);
  const root = resolveFolder(resolve(request.workspacePath));
  const result = await app.runner.call({
    name: request.name,
    input: request.input ?? {},
    ctx: { roots: [root], signal: new AbortController().signal, actor: ctx.actor, taskId: null },
    profile: request.approved ? 'yes' : 'ask',
    approve: () => Promise.resolve(request.confirmed),
  });
  if (result.ok) return { output: result.output };
  if (result.status === 'denied' && !request.confirmed) {
    throw new AuraError('APPROVAL_REQUIRED', result.error.message, 'Run it again with --yes, or answer the question on a terminal.');
  }
  throw new AuraError(result.error.code, result.error.message, result.error.hint);
}
