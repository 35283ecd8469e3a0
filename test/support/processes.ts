import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Whether a process runs: a zombie (exited, not yet reaped by its new parent) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // The state is the field after the command, which is in parentheses and may hold spaces.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is the answer
  }
}

/** A running process's environment as text (`NAME=value` entries), from /proc, else from `ps eww`. */
export function environmentText(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').join('\n');
  } catch {
    return execFileSync('ps', ['eww', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  }
}

/**
 * SIGKILLs each of these processes that still runs. Killing a namespace's first process takes the others with
 * it, so one may be gone by its turn: that is not an error (a throw in an output callback would end the call).
 */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
}
