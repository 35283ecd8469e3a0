import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileEntry, FileRead } from '../../shared/vm';
import { writeFileAtomic } from '../files/atomic-file';

export type WriteOutcome = { created: boolean } | { kind: 'dir' } | { errno: string };
export type ListOutcome = { entries: FileEntry[] } | { errno: string };

/**
 * Where the file tools' reads and writes happen. The tools check every path against the workspace first
 * (path-guard.ts); this does the I/O on the real path they got. With a sandbox it happens inside it (the
 * VM worker's file helper), so a link swapped in after the check cannot lead outside; without one, here.
 */
export interface WorkspaceFs {
  read(roots: readonly string[], real: string, maxBytes: number): Promise<FileRead>;
  /** Writes atomically, creating missing folders; a replaced file keeps its permissions. */
  write(roots: readonly string[], real: string, content: string): Promise<WriteOutcome>;
  list(roots: readonly string[], real: string): Promise<ListOutcome>;
  /** The texts of files at once (null: missing, too big, binary or not a file). */
  readMany(roots: readonly string[], reals: string[], maxBytes: number, signal: AbortSignal): Promise<(string | null)[]>;
}

const errno = (err: unknown) => (err as NodeJS.ErrnoException).code ?? 'EIO';

/** The file tools' I/O in the host process: where no sandbox exists (and what the sandbox's helper mirrors). */
export const hostFs: WorkspaceFs = {
  async read(_roots, real, maxBytes) {
    let size;
    try {
      const found = statSync(real);
      if (found.isDirectory()) return { kind: 'dir' };
      if (!found.isFile()) return { kind: 'other' };
      size = found.size;
    } catch {
      return { kind: 'missing' };
    }
    if (size > maxBytes) return { kind: 'too-big', size };
    const buffer = readFileSync(real);
    const binary = buffer.includes(0);
    return { kind: 'file', size: buffer.length, binary, text: binary ? '' : buffer.toString('utf8') };
  },

  async write(_roots, real, content) {
    const existing = statSync(real, { throwIfNoEntry: false });
    if (existing?.isDirectory()) return { kind: 'dir' };
    try {
      mkdirSync(dirname(real), { recursive: true });
      writeFileAtomic(real, content, existing ? existing.mode & 0o7777 : undefined);
      return { created: !existing };
    } catch (err) {
      return { errno: errno(err) };
    }
  },

  async list(_roots, real) {
    let dirents;
    try {
      dirents = readdirSync(real, { withFileTypes: true });
    } catch (err) {
      return { errno: errno(err) };
    }
    return {
      entries: dirents.map((d) => {
        const type = d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'link' : d.isFile() ? 'file' : 'other';
        return type === 'file' ? { name: d.name, type, size: statSync(join(real, d.name), { throwIfNoEntry: false })?.size ?? 0 } : { name: d.name, type };
      }),
    };
  },

  async readMany(_roots, reals, maxBytes, signal) {
    const texts: (string | null)[] = [];
    for (const real of reals) {
      if (signal.aborted) throw signal.reason;
      // Asynchronous reads: a search over thousands of files must not hold up the window meanwhile.
      const size = await stat(real).then((s) => (s.isFile() ? s.size : Infinity), () => Infinity);
      const buffer = size > maxBytes ? null : await readFile(real).catch(() => null);
      texts.push(buffer && !buffer.includes(0) ? buffer.toString('utf8') : null);
    }
    return texts;
  },
};
