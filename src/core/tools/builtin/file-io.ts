import { AuraError } from '../../../shared/errors';
import { displayPath } from '../path-guard';
import type { WorkspaceFs } from '../workspace-fs';

/** Reads a text file the tools may show a model; refuses what is too big or not text. */
export async function readTextFile(fs: WorkspaceFs, roots: readonly string[], real: string, maxBytes: number): Promise<string> {
  const file = await fs.read(roots, real, maxBytes);
  const shown = displayPath(roots, real);
  if (file.kind === 'missing') throw new AuraError('NOT_FOUND', `${shown} does not exist.`, 'List the folder to see what is there.');
  if (file.kind === 'dir' || file.kind === 'other') throw new AuraError('INVALID_INPUT', `${shown} is not a file.`, 'Use list to see a folder.');
  if (file.kind === 'too-big') throw new AuraError('INVALID_INPUT', `${shown} is ${file.size} bytes; the limit is ${maxBytes}.`, 'Read a range of lines, or grep for what you need.');
  if (file.binary) throw new AuraError('INVALID_INPUT', `${shown} is a binary file.`, 'Only text files can be read.');
  return file.text;
}

/**
 * Writes a text file atomically, creating missing folders (already checked to be inside the workspace).
 * A replaced file keeps its permissions: a script stays executable, a private file stays private.
 * Returns whether the file is new.
 */
export async function writeTextFile(fs: WorkspaceFs, roots: readonly string[], real: string, content: string): Promise<{ created: boolean }> {
  const outcome = await fs.write(roots, real, content);
  if ('kind' in outcome) throw new AuraError('INVALID_INPUT', 'That path is a folder, not a file.', 'Give the path of a file.');
  if ('errno' in outcome) throw new AuraError('IO_ERROR', `Could not write the file: ${outcome.errno}.`, 'Check that the folder is writable and the disk has space.');
  return outcome;
}
