import { spawn, type ChildProcess } from 'node:child_process';
import { statSync, watch } from 'node:fs';

/** A virtual X display a test started, and how to end it. */
export interface VirtualDisplay {
  /** `:N` */
  display: string;
  number: number;
  width: number;
  height: number;
  process: ChildProcess;
  close(): Promise<void>;
}

const SOCKET_DIR = '/tmp/.X11-unix';
const isSocket = (path: string) => statSync(path, { throwIfNoEntry: false })?.isSocket() ?? false;

/** Resolves once the socket exists (watching its folder, no polling), or rejects after `timeoutMs`. */
function waitForSocket(path: string, timeoutMs: number): Promise<void> {
  if (isSocket(path)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const watcher = watch(SOCKET_DIR, () => {
      if (!isSocket(path)) return;
      clearTimeout(timer);
      watcher.close();
      resolve();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`${path} did not appear within ${timeoutMs} ms`));
    }, timeoutMs);
    // It may have appeared between the first look and the watch.
    if (isSocket(path)) {
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
  });
}

/**
 * Starts Xvfb on a free display: `-displayfd` has the server pick the first free number itself (no race
 * with another test picking the same one) and write it once it listens; then its socket is waited for.
 * `-noreset` keeps the server as it is when its last client leaves (the pointer stays where it was put).
 * `args` go to Xvfb as they are (`-auth <file>` for a display that wants a cookie).
 */
export async function startXvfb({ width = 1024, height = 768, depth = 24, args = [] as string[], timeoutMs = 20_000 } = {}): Promise<VirtualDisplay> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x${depth}`, '-nolisten', 'tcp', '-noreset', ...args], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  const number = await new Promise<number>((resolve, reject) => {
    let written = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    const fd = child.stdio[3] as NodeJS.ReadableStream;
    fd.on('data', (data: Buffer) => {
      written += data.toString();
      if (!written.includes('\n')) return;
      clearTimeout(timer);
      resolve(Number(written.trim()));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  });
  await waitForSocket(`${SOCKET_DIR}/X${number}`, timeoutMs);
  return {
    display: `:${number}`,
    number,
    width,
    height,
    process: child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
