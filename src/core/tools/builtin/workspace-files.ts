import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { AuraError } from '../../../shared/errors';
import { isInside } from '../path-guard';
import type { ToolContext } from '../tool-definition';

const IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * Files under `base` (already inside the workspace) matching a glob, as workspace-relative paths.
 * Links are not followed, and every match is re-checked by its real path, so no pattern leaves the root.
 */
export async function findFiles(root: string, base: string, pattern: string, limit: number): Promise<{ files: string[]; truncated: boolean }> {
  if (pattern.startsWith('/') || pattern.split(/[\\/]/).includes('..')) throw new AuraError('FORBIDDEN', 'Patterns cannot leave the workspace.', 'Use a pattern relative to the folder, without "..".');
  const matches = await glob(pattern, { cwd: base, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: IGNORED, expandDirectories: false });
  const realInside = (m: string) => {
    try {
      return isInside(root, realpathSync(m));
    } catch {
      return false;
    }
  };
  // Sorted first, so only as many matches are checked as are returned (plus one, to know there are more).
  matches.sort();
  const inside: string[] = [];
  for (const m of matches) {
    if (inside.length > limit) break;
    if (realInside(m)) inside.push(m);
  }
  return { files: inside.slice(0, limit).map((m) => relative(root, m)), truncated: inside.length > limit };
}

/**
 * The found files a listing or search may show under the profile's path rules (`ctx.searchable`), and how
 * many it left out: the model is told files were withheld, never which.
 */
export function searchableFiles(found: { files: string[]; truncated: boolean }, root: string, ctx: ToolContext): { files: string[]; truncated: boolean; withheld?: number } {
  if (!ctx.searchable) return found;
  const files = found.files.filter((file) => ctx.searchable?.(join(root, file)));
  const withheld = found.files.length - files.length;
  return { files, truncated: found.truncated, ...(withheld ? { withheld } : {}) };
}
