import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, unlinkSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { hooksPaths, includedPaths, parseGitConfig } from './git-config';
import { within } from './sandbox-facts';

/**
 * SECURITY: what of git's own files the sandbox binds read-only. A hook, or a config that sets
 * `core.hooksPath`, `core.fsmonitor`, `core.sshCommand` or a filter, runs a command the next time the
 * user runs git outside the sandbox: writing one is an escape. So for every git folder found in the
 * writable folders: its `hooks` and `config` (and `config.worktree`, `commondir`), the same in its
 * submodules (`modules/`) and worktrees, files its config includes, and every `core.hooksPath` target
 * (from the repository's config or the user's) that lies in a writable folder. A missing hooks folder is
 * created empty first: otherwise the shell could create it.
 *
 * Each git folder found is also bound over itself (read-write): a mount point cannot be renamed or removed
 * (EBUSY), so `mv .git .g && mkdir .git` cannot swap in a copy whose config is not protected. A
 * `commondir` git would follow to another folder's config cannot be bound when it does not exist (that would
 * create it on the host): `checkGitAfter` looks for one after each shell command and removes it.
 *
 * Case: names are matched case-insensitively (`.GIT`, `Hooks`). On a case-insensitive filesystem git
 * uses whichever spelling is on disk, and a mount covers every spelling of the entry it sits on; on a
 * case-sensitive one git only ever opens `.git/hooks` and `.git/config`, so a `.GIT/HOOKS` written there is
 * never run (the escape probes check this with git itself).
 */

const WALK_DIRS = 20_000;
const WALK_DEPTH = 8;
const SKIPPED = new Set(['node_modules', '.hg', '.svn']);

const lower = (name: string) => name.toLowerCase();

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The entries of `dir` that git would open as `name` on a case-insensitive filesystem. */
function spellings(dir: string, name: string): string[] {
  return entries(dir)
    .filter((e) => lower(e.name) === name)
    .map((e) => join(dir, e.name));
}

interface Found {
  /** The git folder (`.git`, or where a `.git` file points). */
  gitDir: string;
  /** The worktree it belongs to: relative hooks paths are taken from here. */
  worktree: string;
}

/** Git folders under the writable trees, without following links, bounded in folders and depth. */
function findGitDirs(trees: string[]): { found: Found[]; pointers: string[]; entries: string[] } {
  const found: Found[] = [];
  const pointers: string[] = [];
  const dotGits: string[] = [];
  let budget = WALK_DIRS;
  const queue: { dir: string; depth: number }[] = trees.map((dir) => ({ dir, depth: 0 }));
  while (queue.length && budget > 0) {
    const { dir, depth } = queue.shift() as { dir: string; depth: number };
    budget -= 1;
    for (const entry of entries(dir)) {
      const path = join(dir, entry.name);
      if (lower(entry.name) === '.git') {
        dotGits.push(path);
        if (entry.isDirectory()) found.push({ gitDir: path, worktree: dir });
        else if (entry.isFile()) {
          // A `.git` file (submodule, linked worktree) says where its git folder is; the pointer itself must
          // not be rewritten to a folder of planted hooks.
          pointers.push(path);
          const target = /^gitdir:\s*(.+?)\s*$/m.exec(safeRead(path))?.[1];
          if (target) found.push({ gitDir: resolve(dir, target), worktree: dir });
        } else if (entry.isSymbolicLink()) {
          const target = real(path);
          if (target) found.push({ gitDir: target, worktree: dir });
        }
        continue;
      }
      if (entry.isDirectory() && !SKIPPED.has(entry.name) && depth < WALK_DEPTH) queue.push({ dir: path, depth: depth + 1 });
    }
  }
  return { found, pointers, entries: dotGits };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(0, 1_000_000);
  } catch {
    return '';
  }
}

const holders = (gitDir: string) => [...spellings(gitDir, 'modules'), ...spellings(gitDir, 'worktrees')];

/** Submodule and worktree git folders inside a git folder (`modules/a`, `modules/libs/b`, `worktrees/x`). */
function nestedGitDirs(gitDir: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > 6) return;
    for (const entry of entries(dir)) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      // A git folder has a HEAD; a folder without one groups submodules by their path.
      if (spellings(path, 'head').length) {
        out.push(path);
        for (const holder of holders(path)) visit(holder, depth + 1);
      } else visit(path, depth + 1);
    }
  };
  for (const holder of holders(gitDir)) visit(holder, 0);
  return out;
}

/**
 * Creates a missing folder inside `tree` one level at a time, never through a link: a link planted on the
 * way must not make this create anything outside.
 */
function createInside(tree: string, path: string): boolean {
  let dir = tree;
  for (const part of relative(tree, path).split(sep).filter(Boolean)) {
    dir = join(dir, part);
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (stat?.isDirectory()) continue;
    if (stat) return false;
    try {
      mkdirSync(dir);
    } catch {
      return false;
    }
  }
  return true;
}

/** The user's own git config files: their `core.hooksPath` applies to every repository. */
function userConfigs(home: string): string[] {
  return [join(home, '.gitconfig'), join(home, '.config', 'git', 'config'), '/etc/gitconfig'];
}

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * The paths to bind read-only over themselves, all real and inside `trees`, and the hooks folders this
 * created so there was something to bind.
 */
export function gitProtections(trees: string[], home: string): GitProtections {
  const readOnly = new Set<string>();
  const gitDirs: string[] = [];
  const created: string[] = [];
  const inside = (path: string) => trees.some((tree) => within(tree, path));
  const protect = (path: string) => {
    const resolved = real(path);
    if (resolved && inside(resolved)) readOnly.add(resolved);
  };
  const protectFolder = (path: string) => {
    const tree = trees.find((t) => within(t, path));
    if (!tree) return;
    if (!lstatSync(path, { throwIfNoEntry: false })) {
      if (!createInside(tree, path)) return;
      created.push(path);
    }
    protect(path);
  };

  const userHooks = userConfigs(home).flatMap((file) => hooksPaths(parseGitConfig(safeRead(file))));
  for (const hooks of userHooks) if (isAbsolute(expandHome(hooks, home))) protectFolder(expandHome(hooks, home));

  const { found, pointers, entries: dotGits } = findGitDirs(trees);
  pointers.forEach(protect);
  const seen = new Set<string>();
  for (const { gitDir, worktree } of found) {
    const top = real(gitDir);
    if (!top || !inside(top)) continue;
    for (const dir of [top, ...nestedGitDirs(top)]) {
      if (seen.has(dir)) continue;
      seen.add(dir);
      gitDirs.push(dir);
      const hooks = spellings(dir, 'hooks');
      if (hooks.length) hooks.forEach(protect);
      else protectFolder(join(dir, 'hooks'));
      for (const name of ['config', 'config.worktree', 'commondir', 'gitdir']) spellings(dir, name).forEach(protect);
      const configs = [...spellings(dir, 'config'), ...spellings(dir, 'config.worktree')];
      const hookPaths = [...userHooks];
      for (const file of configs) {
        const parsed = parseGitConfig(safeRead(file));
        hookPaths.push(...hooksPaths(parsed));
        for (const include of includedPaths(parsed)) {
          const path = resolve(dirname(file), expandHome(include, home));
          protect(path);
          hookPaths.push(...hooksPaths(parseGitConfig(safeRead(path))));
        }
      }
      // A relative hooks path is taken from the top of the worktree, where git runs hooks.
      for (const hooksPath of hookPaths) protectFolder(resolve(worktree, expandHome(hooksPath, home)));
    }
  }
  // Outer paths first: a bind over a folder must not hide a bind made inside it before.
  const byLength = (a: string, b: string) => a.length - b.length;
  const links = (dir: string) => LINK_FILES.flatMap((name) => spellings(dir, name));
  return {
    readOnly: [...readOnly].sort(byLength),
    gitDirs: gitDirs.sort(byLength),
    created,
    start: { trees, gitDirs: [...gitDirs], links: new Set(gitDirs.flatMap(links)), dotGits: identities(dotGits) },
  };
}

function identity(path: string): string | null {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat ? `${stat.dev}:${stat.ino}` : null;
}

function identities(paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const path of paths) {
    const id = identity(path);
    if (id) out.set(path, id);
  }
  return out;
}

/** Files in a git folder that send git to another folder (and its config). */
const LINK_FILES = ['commondir', 'gitdir'];

/** What was there when a sandbox started: the after-command check compares against it. */
export interface GitStart {
  trees: string[];
  gitDirs: string[];
  /** `commondir`/`gitdir` files present in those git folders at start. */
  links: Set<string>;
  /** Every `.git` entry under the trees at start, by path, with its device and inode. */
  dotGits: Map<string, string>;
}

export interface GitProtections {
  /** Paths to bind read-only over themselves, outer first. */
  readOnly: string[];
  /** Git folders to bind over themselves (read-write) first, so they cannot be renamed or removed. */
  gitDirs: string[];
  created: string[];
  start: GitStart;
}

/**
 * SECURITY: run on the host after a sandboxed command. A `commondir`/`gitdir` file that appeared in a git
 * folder known at start is removed (git on the host would follow it to a config the sandbox wrote); a `.git`
 * that appeared under the writable trees is reported, not removed: `git init` and `git clone` are ordinary
 * work, but that repository's config and hooks were written from inside the sandbox. Returns what to tell.
 */
export function checkGitAfter(start: GitStart): string | undefined {
  const notes: string[] = [];
  for (const dir of start.gitDirs) {
    for (const name of LINK_FILES) {
      for (const path of spellings(dir, name)) {
        if (start.links.has(path)) continue;
        const stat = lstatSync(path, { throwIfNoEntry: false });
        if (!stat || stat.isDirectory()) continue;
        try {
          unlinkSync(path);
          notes.push(`removed ${path}, which the command created: it would send git outside the sandbox to another folder's config`);
        } catch {
          notes.push(`could not remove ${path}, which the command created: do not run git in that repository before deleting it`);
        }
      }
    }
  }
  // By inode too: `mv app app2 && mkdir -p app/.git` puts a new repository where the old one was.
  const fresh = findGitDirs(start.trees).entries.filter((path) => start.dotGits.get(path) !== identity(path));
  if (fresh.length) {
    const shown = fresh.slice(0, 5).join(', ');
    notes.push(`new git repositories were made inside the sandbox (${shown}${fresh.length > 5 ? ', …' : ''}): their config and hooks were written by the command; check them before running git there outside`);
  }
  return notes.length ? `Git safety: ${notes.join('; ')}.` : undefined;
}
