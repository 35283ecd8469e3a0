import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AuraError } from '../../shared/errors';
import { commitTempFile, tempPathFor } from '../files/atomic-file';
import type { Db } from './database';

/** Online backup through SQLite's backup API, written to a temp file and moved into place atomically. */
export async function backupDatabase(db: Db, target: string): Promise<{ path: string; bytes: number }> {
  const path = resolve(target);
  if (existsSync(path)) throw new AuraError('CONFLICT', `${path} already exists.`, 'Choose a new file name; a backup never overwrites a file.');
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) {
    throw new AuraError('NOT_FOUND', `The folder ${dirname(path)} does not exist.`, 'Create the folder first or choose another place.');
  }
  const temp = tempPathFor(path);
  try {
    await db.backup(temp);
    commitTempFile(temp, path);
  } catch (err) {
    if (err instanceof AuraError) throw err;
    throw new AuraError('IO_ERROR', `The backup could not be written: ${(err as Error).message}.`, 'Check free space and permissions of the target folder.');
  }
  return { path, bytes: statSync(path).size };
}
