import { AuraError } from '../../shared/errors';
import { resolveFolder } from '../files/folder';
import type { AuraApp } from '../app';

/** The folder a new task works in: the chosen workspace, an explicit folder (CLI), or the default one. */
export function resolveTaskWorkspace(app: AuraApp, workspaceId: string | undefined, workspacePath: string | undefined): string {
  if (workspacePath !== undefined) return resolveFolder(workspacePath);
  const id = workspaceId ?? app.settings.getAll().defaultWorkspace;
  if (!id) throw new AuraError('BAD_REQUEST', 'Choose a workspace for this task.', 'Add a folder on the Dashboard, or set a default workspace in Settings → General.');
  const workspace = app.workspaces.list().find((w) => w.id === id);
  if (!workspace) throw new AuraError('NOT_FOUND', 'That workspace does not exist.', 'Pick one from the list.');
  return workspace.path;
}
