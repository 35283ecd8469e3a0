import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { AuraError } from '../../shared/errors';

/** The programs computer use runs: xdotool for input and window facts, xwd for screenshots. */
export type XProgram = 'xdotool' | 'xwd';

const PACKAGES: Record<XProgram, string> = { xdotool: 'xdotool', xwd: 'x11-apps' };
/** What a screenshot of a large screen can take: 8K at 32 bits a pixel, with room. */
const MAX_OUTPUT = 256 * 1024 * 1024;

/** Where a program is: the PATH first, then the system folders a desktop session may leave off it. */
export function findProgram(name: XProgram, path = process.env.PATH ?? ''): string | null {
  const dirs = [...path.split(':').filter((dir) => dir.startsWith('/')), '/usr/bin', '/bin', '/usr/local/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const located = new Map<XProgram, string | null>();
function program(name: XProgram): string {
  if (!located.has(name) || located.get(name) === null) located.set(name, findProgram(name));
  const found = located.get(name);
  if (!found) throw new AuraError('IO_ERROR', `${name} is not installed, and computer use needs it.`, `Install it (on Debian or Ubuntu: sudo apt-get install ${PACKAGES[name]}), then try again.`);
  return found;
}

/** Fails, saying what to install, unless every program computer use runs is here. */
export function requirePrograms(): void {
  for (const name of Object.keys(PACKAGES) as XProgram[]) program(name);
}

/** Computer use runs on X11 under Linux only, for now. */
export function assertSupportedPlatform(platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'linux') {
    throw new AuraError('IO_ERROR', `Computer use works on Linux with an X11 display only; this is ${platform}.`, 'Run Aura Work on a Linux desktop (X11 or XWayland) to use it.');
  }
}

/** A failure of an X program, said as what the user can do about it. */
export function explainFailure(name: XProgram, display: string, stderr: string, code: number | null): AuraError {
  const said = stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 400);
  // Xlib says why it could not connect before it says that it could not: the cookie comes first.
  if (/authori[sz]ation|no protocol specified|access control|invalid mit-magic-cookie/i.test(said)) {
    return new AuraError('IO_ERROR', `The X server on ${display} refused the connection (${said}).`, 'Start Aura Work from the desktop session that owns the display, so it has its XAUTHORITY cookie.');
  }
  if (/can'?t open display|cannot open display|unable to open display|failed creating new xdo instance/i.test(said)) {
    return new AuraError('IO_ERROR', `No X server answers on display ${display}.`, `Start one (for example \`Xvfb ${display} &\`), or set the display computer use should drive: aura settings set computerDisplay :0`);
  }
  return new AuraError('IO_ERROR', `${name} failed${code === null ? '' : ` (exit ${code})`}: ${said || 'no message'}.`);
}

export interface RunOptions {
  display: string;
  signal: AbortSignal;
  timeoutMs: number;
}

/**
 * Runs an X program against `display` and returns its stdout. Its environment is the display, the
 * X authority cookie and PATH, nothing else; a cancelled call or one past its time kills it.
 */
export function runX(name: XProgram, args: string[], { display, signal, timeoutMs }: RunOptions): Promise<Buffer> {
  assertSupportedPlatform();
  const file = program(name);
  signal.throwIfAborted();
  const env: Record<string, string> = { DISPLAY: display, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: process.env.LANG ?? 'C.UTF-8' };
  for (const name of ['HOME', 'XAUTHORITY']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let stopped: AuraError | null = null;
    const stop = (why: AuraError) => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const onAbort = () => stop(new AuraError('CANCELLED', `${name} was stopped.`));
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stop(new AuraError('TIMEOUT', `${name} did not finish within ${Math.round(timeoutMs / 1000)} s on display ${display}.`, 'The X server may be busy or stuck; try again.')), timeoutMs);
    child.stdout.on('data', (data: Buffer) => {
      size += data.length;
      if (size > MAX_OUTPUT) stop(new AuraError('IO_ERROR', `${name} wrote more than ${MAX_OUTPUT / 1024 / 1024} MB.`));
      else out.push(data);
    });
    child.stderr.on('data', (data: Buffer) => {
      if (stderr.length < 8192) stderr += data.toString('utf8');
    });
    child.on('error', (err) => stop(new AuraError('IO_ERROR', `${name} could not be started: ${err.message}.`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (stopped) reject(stopped);
      else if (code !== 0) reject(explainFailure(name, display, stderr, code));
      else resolve(Buffer.concat(out));
    });
  });
}

/** `KEY=value` lines (xdotool --shell) as a record of numbers. */
export function shellNumbers(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(-?\d+)$/.exec(line.trim());
    if (match) values[match[1]!] = Number(match[2]);
  }
  return values;
}
