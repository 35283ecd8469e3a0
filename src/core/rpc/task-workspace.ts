import { isAbsolute } from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import { AuraError } from '../../shared/errors';
import type { AuraApp } from '../app';

/** The folder a new task works in: the chosen workspace, an explicit folder (CLI), or the default one. */
export function resolveTaskWorkspace(app: AuraApp, workspaceId: string | undefined, workspacePath: string | undefined): string {
  if (workspacePath !== undefined) {
    if (!isAbsolute(workspacePath)) throw new AuraError('INVALID_INPUT', `"${workspacePath}" is not an absolute path.`, 'Give the full path of the folder.');
    try {
      const real = realpathSync(workspacePath);
      if (statSync(real).isDirectory()) return real;
    } catch {
      // Reported below, the same way as a file.
    }
    throw new AuraError('NOT_FOUND', `The folder ${workspacePath} does not exist.`, 'Create it first, or check the spelling.');
  }
  const id = workspaceId ?? app.settings.getAll().defaultWorkspace;
  if (!id) throw new AuraError('BAD_REQUEST', 'Choose a workspace for this task.', 'Add a folder on the Dashboard, or set a default workspace in Settings → General.');
  const workspace = app.workspaces.list().find((w) => w.id === id);
  if (!workspace) throw new AuraError('NOT_FOUND', 'That workspace does not exist.', 'Pick one from the list.');
  return workspace.path;
}
