import { DEFAULT_PAGE_INSTRUCTION, type PagesSendInput } from '../../shared/bridge';
import type { Task } from '../../shared/tasks';
import type { AuraApp } from '../app';
import type { CallContext } from './dispatcher';
import { resolveTaskWorkspace } from './task-workspace';

/**
 * `pages.send`: a task whose goal is the user's instruction and whose page goes with it, shown to the planner
 * and the executor as untrusted content (agent/prompts.ts). It runs in one of the user's workspaces.
 */
export function sendPage(app: AuraApp, { instruction, workspaceId, ...page }: PagesSendInput, ctx: CallContext): Task {
  const workspacePath = resolveTaskWorkspace(app, workspaceId, undefined);
  const task = app.tasks.create({ goal: instruction ?? DEFAULT_PAGE_INSTRUCTION, workspacePath, profile: app.profiles.activeId(), page }, ctx.actor);
  return app.agent.start(task.id);
}
