import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A temp path in the same directory as `target`, so the final rename stays on one filesystem. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** fsyncs a file or directory by path; directories make a rename durable. */
function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Moves a finished temp file into place durably: fsync it, rename, fsync the directory. */
export function commitTempFile(tempPath: string, target: string): void {
  try {
    fsyncPath(tempPath);
    renameSync(tempPath, target);
  } catch (err) {
    rmSync(tempPath, { force: true });
    throw err;
  }
  fsyncPath(dirname(target));
}

/** Writes a whole file so that readers see the old content or the new one, never a mix, even on a crash. */
export function writeFileAtomic(target: string, content: string | Uint8Array, mode?: number): void {
  const temp = tempPathFor(target);
  try {
    // A given mode is applied from creation (a private file is never readable), then exactly (umask trims it).
    writeFileSync(temp, content, { flag: 'wx', mode: mode ?? 0o666 });
    if (mode !== undefined) chmodSync(temp, mode);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  commitTempFile(temp, target);
}
