import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A program started on a test display, and its exit once it comes. */
export interface XClient {
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(): void;
}

export function startXClient(display: string, command: string, args: string[], cwd?: string, env: NodeJS.ProcessEnv = process.env): XClient {
  const child = spawn(command, args, { env: { ...env, DISPLAY: display }, stdio: 'ignore', ...(cwd ? { cwd } : {}) });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Waits (xdotool search --sync, bounded) for a window whose name matches, and returns its id. */
export async function waitForWindow(display: string, name: string, timeoutMs = 20_000, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await run('xdotool', ['search', '--sync', '--onlyvisible', '--name', name], { env: { ...env, DISPLAY: display }, timeout: timeoutMs });
  const id = stdout.trim().split('\n')[0];
  if (!id) throw new Error(`no window named ${name}`);
  return id;
}

export interface WindowBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A window and every window inside it, with their places on the screen (xwininfo -tree). */
export async function windowTree(display: string, id: string): Promise<WindowBox[]> {
  const env = { ...process.env, DISPLAY: display };
  const { stdout: own } = await run('xwininfo', ['-id', id], { env });
  const field = (label: string) => Number(new RegExp(`${label}:\\s+(-?\\d+)`).exec(own)?.[1]);
  const boxes: WindowBox[] = [{ id, x: field('Absolute upper-left X'), y: field('Absolute upper-left Y'), width: field('Width'), height: field('Height') }];
  const { stdout: tree } = await run('xwininfo', ['-tree', '-id', id], { env });
  // "     0x200036 (has no name): ()  22x17+4+29  +5+30": the size, the place in the parent, the place on screen.
  for (const match of tree.matchAll(/^\s+(0x[0-9a-f]+) .*?\s(\d+)x(\d+)[+-]-?\d+[+-]-?\d+\s+\+(-?\d+)\+(-?\d+)\s*$/gm)) {
    boxes.push({ id: match[1]!, width: Number(match[2]), height: Number(match[3]), x: Number(match[4]), y: Number(match[5]) });
  }
  return boxes;
}
