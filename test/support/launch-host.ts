import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface LaunchedHost {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  bridgeUrl: string | null;
  readyMs: number;
  output: () => string;
  stop(): Promise<void>;
}

export const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Starts the app exactly as `npm start` does (`node dist/start.js`, in its own process group) and
 * resolves when it prints its URL.
 */
export function launchHost(env: Record<string, string>, command: string[] = [process.execPath, 'dist/start.js']): Promise<LaunchedHost> {
  const started = process.hrtime.bigint();
  const child = spawn(command[0]!, command.slice(1), { cwd: REPO_ROOT, env: { ...process.env, AURA_PORT: '0', AURA_BRIDGE_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Aura Work is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({
        child,
        url: match[1]!,
        port: Number(match[2]),
        token: match[3]!,
        // Printed before the UI's address when the bridge is on.
        bridgeUrl: /Bridge at (\S+)/.exec(output)?.[1] ?? null,
        readyMs,
        output: () => output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            process.kill(-child.pid!, 'SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
}
