import { realpathSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AuraError } from '../../shared/errors';

/** The real path of an existing folder given by its full path; anything else is refused with what to do. */
export function resolveFolder(path: string): string {
  if (!isAbsolute(path)) throw new AuraError('INVALID_INPUT', `"${path}" is not an absolute path.`, 'Give the full path of the folder, e.g. /home/me/projects/site.');
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new AuraError('NOT_FOUND', `The folder ${path} does not exist.`, 'Create it first, or check the spelling.');
  }
  if (!statSync(real).isDirectory()) throw new AuraError('INVALID_INPUT', `${path} is a file, not a folder.`, 'Choose a folder.');
  return real;
}
