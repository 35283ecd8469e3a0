import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { release as kernelRelease } from 'node:os';
import { join } from 'node:path';
import type { ProcessLimit } from '../../shared/vm';

/**
 * SECURITY: how many processes one sandbox may hold, so a fork bomb stays bounded.
 *
 * - Not root, on Linux 5.14 or later: RLIMIT_NPROC (`ulimit -u`, hard and soft, in the shell's prelude). Since
 *   5.14 it counts per user namespace, and each sandbox has its own, so only the sandbox's processes count.
 *   Raising it again needs CAP_SYS_RESOURCE in the host's namespace, which nothing inside has. Before 5.14
 *   it counts every process of the user on the host (their desktop, browser…), so a limit of 512 would make
 *   commands fail to fork: there, a pids cgroup as for root where one can be made, else `none`.
 * - Root: the kernel never applies RLIMIT_NPROC to uid 0, and a sandbox of root maps to uid 0 whatever
 *   uid it shows inside (mapping it to another uid would lose the right to write root's workspace). So a
 *   pids cgroup of its own per sandbox, made before bubblewrap starts: the bubblewrap process joins it
 *   (a tiny `sh` writes its pid, then execs it) and everything it starts inherits it.
 * - Neither available: `none`, shown in Readiness; only the time limit then ends a fork bomb.
 */
export interface ProcessLimiter {
  readonly kind: ProcessLimit;
  readonly max: number | null;
  /** Why there is no limit (for Readiness), when `kind` is `none`. */
  readonly reason: string | null;
  /** Lines for the start of the sandboxed shell. */
  readonly shellPrelude: string;
  /** The command line that starts `argv` inside the limit, and what to do once it has exited. */
  wrap(argv: string[]): { argv: string[]; release(): void };
}

const CGROUP_PREFIX = 'aura-vm-';
let counter = 0;
/** Cgroups whose last process was still leaving when they were released; removed at the next chance. */
const leftovers = new Set<string>();

function remove(dir: string): void {
  try {
    rmdirSync(dir);
    leftovers.delete(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') leftovers.delete(dir);
    else leftovers.add(dir);
  }
}

/** The pids cgroup folder this process can make children in, v1 (`pids` hierarchy) or v2 (pids delegated). */
export function pidsCgroupBase(): string | null {
  let mountinfo: string;
  let own: string;
  try {
    mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
    own = readFileSync('/proc/self/cgroup', 'utf8');
  } catch {
    return null;
  }
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const mountPoint = left.split(' ')[4];
    const [fsType, , superOptions = ''] = right.split(' ');
    if (!mountPoint) continue;
    if (fsType === 'cgroup' && superOptions.split(',').includes('pids')) {
      const path = /^\d+:([^:]*):(.*)$/m.exec(own.split('\n').find((l) => l.split(':')[1]?.split(',').includes('pids')) ?? '')?.[2];
      if (path !== undefined && probe(join(mountPoint, path))) return join(mountPoint, path);
    }
    if (fsType === 'cgroup2') {
      const path = /^0::(.*)$/m.exec(own)?.[1];
      if (path === undefined) continue;
      const base = join(mountPoint, path);
      try {
        if (readFileSync(join(base, 'cgroup.subtree_control'), 'utf8').split(/\s+/).includes('pids') && probe(base)) return base;
      } catch {
        // not delegated to us
      }
    }
  }
  return null;
}

/** Whether a child cgroup with a pids limit can be made under `base`. */
function probe(base: string): boolean {
  const dir = join(base, `${CGROUP_PREFIX}probe-${process.pid}`);
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'pids.max'), '1');
    return true;
  } catch {
    return false;
  } finally {
    try {
      rmdirSync(dir);
    } catch {
      // never made
    }
  }
}

/** Removes cgroups left by workers that were killed before they could (their pid is not alive). */
function sweep(base: string): void {
  for (const name of safeList(base)) {
    const pid = Number(new RegExp(`^${CGROUP_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || alive(pid)) continue;
    try {
      rmdirSync(join(base, name));
    } catch {
      // still has processes, or not ours to remove
    }
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether RLIMIT_NPROC counts per user namespace on this kernel (`5.14.0-…` and later). */
export function nprocPerUserNamespace(release: string): boolean {
  const [major = 0, minor = 0] = (/^(\d+)\.(\d+)/.exec(release) ?? []).slice(1).map(Number);
  return major > 5 || (major === 5 && minor >= 14);
}

/**
 * Picks the limit this process can enforce; `uid`, the kernel release and the cgroup base are passed in by
 * tests.
 */
export function createProcessLimiter(max: number, uid = process.getuid?.() ?? -1, kernel = kernelRelease(), base: string | null = uid === 0 || !nprocPerUserNamespace(kernel) ? pidsCgroupBase() : null): ProcessLimiter {
  const rlimit = uid !== 0 && nprocPerUserNamespace(kernel);
  if (rlimit) {
    return { kind: 'rlimit', max, reason: null, shellPrelude: `ulimit -u ${max}`, wrap: (argv) => ({ argv, release: () => undefined }) };
  }
  if (base === null) {
    const reason =
      uid === 0
        ? 'No process limit can be set here (running as root without a pids cgroup): only the time limit stops a fork bomb.'
        : `No process limit can be set here: on Linux ${kernel} (older than 5.14) the per-user process limit would count all your processes, and there is no pids cgroup to use; only the time limit stops a fork bomb.`;
    return { kind: 'none', max: null, reason, shellPrelude: '', wrap: (argv) => ({ argv, release: () => undefined }) };
  }
  sweep(base);
  return {
    kind: 'cgroup',
    max,
    reason: null,
    shellPrelude: '',
    wrap(argv) {
      for (const dir of [...leftovers]) remove(dir);
      counter += 1;
      const dir = join(base, `${CGROUP_PREFIX}${process.pid}-${counter}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'pids.max'), String(max));
      return {
        // `$0` is the cgroup's procs file; the shell moves itself in, then becomes bubblewrap.
        argv: ['/bin/sh', '-c', 'echo $$ > "$0" && exec "$@"', join(dir, 'cgroup.procs'), ...argv],
        // A process that just exited can hold its cgroup a moment longer: then the next wrap (or, after a
        // crash, the next worker's sweep) removes it.
        release: () => remove(dir),
      };
    },
  };
}
