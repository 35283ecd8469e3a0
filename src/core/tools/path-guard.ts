import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AuraError } from '../../shared/errors';

/** True when `path` is `root` or below it; `/ws-evil` is not below `/ws`. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

const refuse = (requested: string) =>
  new AuraError('FORBIDDEN', `"${requested.slice(0, 200)}" is outside the workspace.`, 'Tools can only reach files inside the workspace folder.');

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function existsAsLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Resolves a path a tool was given to a real path inside one of the (already real) roots. The lexical
 * form must stay inside, and so must the real one: symlinks anywhere on the way are followed and
 * checked, so `..`, absolute paths, prefix tricks and links out of the workspace are all refused.
 * A path that does not exist yet (a new file) is checked through its nearest existing ancestor.
 */
export function resolveInside(roots: readonly string[], requested: string): string {
  if (typeof requested !== 'string' || requested.length === 0 || requested.length > 4096 || requested.includes('\0')) throw refuse(String(requested));
  const root = roots[0];
  if (!root) throw new AuraError('BAD_REQUEST', 'No workspace folder is open.', 'Choose a workspace first.');
  const lexical = resolve(root, requested);
  const home = roots.find((r) => isInside(r, lexical));
  if (!home) throw refuse(requested);

  const real = realpathOrNull(lexical);
  if (real !== null) {
    if (!roots.some((r) => isInside(r, real))) throw refuse(requested);
    return real;
  }
  // A dangling link would let a write land wherever it points.
  if (existsAsLink(lexical)) throw refuse(requested);
  let ancestor = dirname(lexical);
  const rest = [basename(lexical)];
  for (;;) {
    const realAncestor = realpathOrNull(ancestor);
    if (realAncestor !== null) {
      if (!roots.some((r) => isInside(r, realAncestor))) throw refuse(requested);
      return join(realAncestor, ...rest);
    }
    if (existsAsLink(ancestor) || dirname(ancestor) === ancestor) throw refuse(requested);
    rest.unshift(basename(ancestor));
    ancestor = dirname(ancestor);
  }
}

/** The path as the user and the model see it: relative to the workspace root it is in. */
export function displayPath(roots: readonly string[], real: string): string {
  const root = roots.find((r) => isInside(r, real)) ?? roots[0] ?? '';
  return relative(root, real) || '.';
}

/**
 * Like `resolveInside`, for paths a tool will write. Git's own folder is refused as well, in any case
 * (`.GIT` is git's folder on a case-insensitive disk): a written `.git/config` or hook runs commands the
 * next time anyone uses git in the workspace.
 */
export function resolveWritable(roots: readonly string[], requested: string): string {
  const real = resolveInside(roots, requested);
  const root = roots.find((r) => isInside(r, real)) ?? '';
  if (relative(root, real).split(sep).some((segment) => segment.toLowerCase() === '.git')) {
    throw new AuraError('FORBIDDEN', 'Files inside .git cannot be written by tools.', 'Git’s own files run commands; change them yourself if you must.');
  }
  return real;
}
