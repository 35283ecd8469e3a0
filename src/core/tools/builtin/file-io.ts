import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuraError } from '../../../shared/errors';
import { writeFileAtomic } from '../../files/atomic-file';
import { displayPath } from '../path-guard';

/** Reads a text file the tools may show a model; refuses what is too big or not text. */
export function readTextFile(roots: readonly string[], real: string, maxBytes: number): string {
  let stat;
  try {
    stat = statSync(real);
  } catch {
    throw new AuraError('NOT_FOUND', `${displayPath(roots, real)} does not exist.`, 'List the folder to see what is there.');
  }
  if (!stat.isFile()) throw new AuraError('INVALID_INPUT', `${displayPath(roots, real)} is not a file.`, 'Use list to see a folder.');
  if (stat.size > maxBytes) throw new AuraError('INVALID_INPUT', `${displayPath(roots, real)} is ${stat.size} bytes; the limit is ${maxBytes}.`, 'Read a range of lines, or grep for what you need.');
  const buffer = readFileSync(real);
  if (buffer.includes(0)) throw new AuraError('INVALID_INPUT', `${displayPath(roots, real)} is a binary file.`, 'Only text files can be read.');
  return buffer.toString('utf8');
}

/**
 * Writes a text file atomically, creating missing folders (already checked to be inside the workspace).
 * A replaced file keeps its permissions: a script stays executable, a private file stays private.
 * Returns whether the file is new.
 */
export function writeTextFile(real: string, content: string): { created: boolean } {
  const existing = statSync(real, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new AuraError('INVALID_INPUT', 'That path is a folder, not a file.', 'Give the path of a file.');
  try {
    mkdirSync(dirname(real), { recursive: true });
    writeFileAtomic(real, content, existing ? existing.mode & 0o7777 : undefined);
    return { created: !existing };
  } catch (err) {
    throw new AuraError('IO_ERROR', `Could not write the file: ${(err as NodeJS.ErrnoException).code ?? 'error'}.`, 'Check that the folder is writable and the disk has space.');
  }
}
