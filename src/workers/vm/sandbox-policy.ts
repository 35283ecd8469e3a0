/**
 * SECURITY: the sandbox policy, as one pure function from facts to bubblewrap's argv. Everything a
 * sandboxed process can see is listed here; what is not bound does not exist inside.
 *
 * - `--unshare-all` gives the sandbox its own user, mount, pid, network, ipc, uts and cgroup namespaces;
 *   `--share-net` gives the network back only when the settings allow it. Without it the sandbox has a
 *   loopback of its own: the host's 127.0.0.1 servers, DNS and the internet are all unreachable.
 * - `--cap-drop ALL`: run as root, bubblewrap would otherwise hand the sandbox every capability in its user
 *   namespace (CAP_DAC_OVERRIDE, CAP_SYS_ADMIN…), enough to remount what it sees. `--disable-userns`
 *   (bubblewrap ≥ 0.8) keeps the sandbox from making user namespaces of its own, a favourite door into
 *   kernel bugs; it needs an explicit `--unshare-user`.
 * - `--die-with-parent`: the sandbox dies with the worker, kill -9 included. `--new-session`: no
 *   controlling terminal to push keystrokes into (TIOCSTI). Bubblewrap sets no_new_privs itself. The
 *   Terminal page's shell alone goes without it (`ownTerminal`): its controlling terminal is a pty the
 *   VM worker made for that sandbox, whose only reader is the sandbox itself, so a keystroke pushed into
 *   it reaches nothing outside; without it bash has no job control and Ctrl-C reaches no one.
 * - The root is an empty tmpfs, made read-only last: system folders are bound read-only, /etc only by an
 *   allowlist (no shadow, no ssl/private), a private /tmp and an empty private home are tmpfs, /proc is the
 *   sandbox's own pid namespace (the host's processes are not in it), /dev is a minimal one.
 * - The workspace roots (and any extra folders the user allowed) are bound at their real paths, so paths
 *   mean the same inside and out. Secrets that lie under a bound folder (a workspace that is the home
 *   folder holds ~/.ssh) are masked: an empty read-only tmpfs over folders, /dev/null over files.
 * - Git's hooks and config are bound read-only over themselves last, so no command can plant a hook or
 *   point `core.hooksPath`/`core.fsmonitor` at a script that the user's next `git commit` would run. Each
 *   git folder is first bound over itself, so it cannot be renamed away and replaced by an unprotected copy.
 */

export interface SystemLayout {
  /** Folders bound read-only at the same path: /usr, /opt, and /bin etc. when they are real folders. */
  readOnlyDirs: string[];
  /** Top-level links recreated as they are on the host (merged /usr: /bin → usr/bin). */
  links: { path: string; target: string }[];
  /** Entries of /etc bound read-only: an allowlist, of which these exist on this host. */
  etc: string[];
}

export interface Mask {
  path: string;
  kind: 'dir' | 'file';
}

export interface SandboxPlan {
  system: SystemLayout;
  /** The home folder: an empty tmpfs inside (so ~/.ssh, ~/.aws… are not there at all). */
  home: string;
  /** Bound read-write at the same path, in this order (later ones over earlier ones). */
  writable: string[];
  /** Bound read-only at the same path, before the writable ones. */
  readable: string[];
  /** Secrets under a bound folder, hidden after the binds. */
  masks: Mask[];
  /** Git folders bound over themselves (read-write), after the writable folders: a mount point cannot be renamed or removed. */
  gitDirs?: string[];
  /** Bound read-only over themselves after everything else (git hooks and config). */
  readOnly: string[];
  network: boolean;
  /** Whether this bubblewrap knows `--disable-userns`. */
  disableUserns: boolean;
  /** Caps on the private tmpfs folders (bubblewrap's `--size`, 0.7 and later), or null where it lacks it. */
  tmpfsBytes: { tmp: number; home: number } | null;
  /** Shells get a /proc of their own pid namespace; the file helper needs none. */
  proc: boolean;
  /** The command runs on a pty made for it alone (the Terminal page): it keeps that pty as its terminal. */
  ownTerminal?: boolean;
  /** The whole environment inside: nothing of the worker's is passed on. */
  env: Record<string, string>;
  cwd: string;
  /** Bubblewrap writes `{"child-pid": N}` here: the host pid of the sandbox's init, to kill it by. */
  infoFd?: number;
  command: string[];
}

/** The bubblewrap arguments for a plan, command included. */
export function bwrapArgs(plan: SandboxPlan): string[] {
  const args = ['--unshare-all', ...(plan.network ? ['--share-net'] : []), ...(plan.disableUserns ? ['--unshare-user', '--disable-userns'] : []), '--die-with-parent', ...(plan.ownTerminal ? [] : ['--new-session']), '--cap-drop', 'ALL', '--clearenv'];
  for (const [key, value] of Object.entries(plan.env)) args.push('--setenv', key, value);
  if (plan.infoFd !== undefined) args.push('--info-fd', String(plan.infoFd));
  for (const dir of plan.system.readOnlyDirs) args.push('--ro-bind', dir, dir);
  for (const link of plan.system.links) args.push('--symlink', link.target, link.path);
  for (const entry of plan.system.etc) args.push('--ro-bind', entry, entry);
  if (plan.proc) args.push('--proc', '/proc');
  // Sized, where bubblewrap can: a tmpfs is memory, and `dd` into an unbounded one would take half of it.
  const tmpfs = (path: string, bytes: number | undefined) => args.push(...(bytes === undefined ? [] : ['--size', String(bytes)]), '--tmpfs', path);
  args.push('--dev', '/dev');
  tmpfs('/tmp', plan.tmpfsBytes?.tmp);
  args.push('--dir', '/var');
  tmpfs('/var/tmp', plan.tmpfsBytes?.home);
  if (isPlainAbsolute(plan.home) && plan.home !== '/') tmpfs(plan.home, plan.tmpfsBytes?.home);
  for (const dir of plan.readable) args.push('--ro-bind', dir, dir);
  for (const dir of plan.writable) args.push('--bind', dir, dir);
  // Before the masks, so a git folder inside a masked place stays hidden.
  for (const path of plan.gitDirs ?? []) args.push('--bind', path, path);
  for (const mask of plan.masks) {
    if (mask.kind === 'dir') args.push('--tmpfs', mask.path, '--remount-ro', mask.path);
    else args.push('--ro-bind', '/dev/null', mask.path);
  }
  for (const path of plan.readOnly) args.push('--ro-bind', path, path);
  args.push('--remount-ro', '/', '--chdir', plan.cwd, '--', ...plan.command);
  return args;
}

/** An absolute path with no `.`/`..` segments or doubled slashes: the only kind the plan accepts. */
export function isPlainAbsolute(path: string): boolean {
  return path.startsWith('/') && !path.includes('\0') && !/(^|\/)\.\.?(\/|$)/.test(path) && !/\/\//.test(path) && (path === '/' || !path.endsWith('/'));
}
