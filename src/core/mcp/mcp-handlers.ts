import { AuraError } from '../../shared/errors';
import type { MCP_PROCEDURES } from '../../shared/mcp';
import type { AuraApp } from '../app';
import { mayUseAnyFolder } from '../auth/access';
import type { CallContext, Handlers } from '../rpc/dispatcher';
import { resolveTaskWorkspace } from '../rpc/task-workspace';

/** A task started from MCP (a prompt, or with a resource) runs where a task from the same caller would. */
function startTask(app: AuraApp, ctx: CallContext, place: { workspaceId?: string | undefined; workspacePath?: string | undefined }, goal: string, page?: { url: string; title: string; text: string }): { taskId: string } {
  if (place.workspacePath !== undefined && !mayUseAnyFolder(ctx.principal)) throw new AuraError('FORBIDDEN', 'Tasks started from the window run in one of your workspaces.', 'Add the folder as a workspace on the Dashboard first.');
  const workspacePath = resolveTaskWorkspace(app, place.workspaceId, place.workspacePath);
  const task = app.tasks.create({ goal, workspacePath, profile: app.profiles.activeId(), ...(page ? { page } : {}) }, ctx.actor);
  return { taskId: app.agent.start(task.id).id };
}

/** MCP's procedures, answered by the MCP service; spread into the contract's handlers. */
export function mcpHandlers(app: AuraApp): Pick<Handlers, keyof typeof MCP_PROCEDURES> {
  const { mcp } = app;
  return {
    'mcp.list': () => mcp.list(),
    'mcp.add': (input, ctx) => mcp.add(input, ctx.actor),
    'mcp.remove': async ({ name }, ctx) => ({ removed: await mcp.remove(name, ctx.actor) }),
    'mcp.restart': ({ name }, ctx) => mcp.restart(name, ctx.actor),
    'mcp.enable': ({ name }, ctx) => mcp.setEnabled(name, true, ctx.actor),
    'mcp.disable': ({ name }, ctx) => mcp.setEnabled(name, false, ctx.actor),
    'mcp.approve': ({ name, hashes }, ctx) => mcp.approve(name, hashes, ctx.actor),
    'mcp.import': (input, ctx) => mcp.import(input, undefined, ctx.actor),
    'mcp.logs': ({ name }) => ({ lines: mcp.logs(name) }),
    'mcp.resources.read': ({ name, uri }) => mcp.readResource(name, uri),
    'mcp.resources.attach': async ({ name, uri, goal, workspaceId, workspacePath }, ctx) => {
      const resource = await mcp.readResource(name, uri);
      // As a page sent with the task: fenced and labelled as untrusted content, never as instructions.
      return startTask(app, ctx, { workspaceId, workspacePath }, goal, { url: uri, title: `${name}: ${uri}`, text: resource.text });
    },
    'mcp.prompts.get': ({ name, prompt, arguments: args }) => mcp.getPrompt(name, prompt, args),
    'mcp.prompts.run': async ({ name, prompt, arguments: args, workspaceId, workspacePath }, ctx) => {
      const filled = await mcp.getPrompt(name, prompt, args);
      if (filled.text.length > 8000) throw new AuraError('INVALID_INPUT', `The prompt ${prompt} came out ${filled.text.length} characters long; a task's goal holds 8,000.`, 'Read it with `aura mcp prompt show` and start a task with the part you need.');
      return startTask(app, ctx, { workspaceId, workspacePath }, filled.text);
    },
  };
}
