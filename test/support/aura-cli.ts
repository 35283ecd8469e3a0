import { execFile, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn as spawnPty } from 'node-pty';
import { promisify } from 'node:util';
import { REPO_ROOT } from './launch-host';

const run = promisify(execFile);

export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/**
 * The environment a test gives the built CLI: its data folder and nothing else of the test's, and a
 * background host (which the first command starts) that leaves soon after the test stops using it.
 */
export const cliEnv = (home: string, extra: Record<string, string> = {}): Record<string, string> => ({ PATH: process.env.PATH ?? '', AURA_HOME: home, AURA_IDLE_EXIT_MS: '3000', AURA_BRIDGE_PORT: '0', ...extra });

/** Runs the built `aura` bin as `npx aura` does, in its own process. */
export async function aura(home: string, argv: string[], extra: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...argv], { env: cliEnv(home, extra), timeout: 90_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

/** Stops the background host of a data folder, if one runs (tests call it when done with the folder). */
export async function stopHost(home: string): Promise<void> {
  await aura(home, ['host', 'stop']);
}

/** Runs the built CLI with `stdin` piped in (not a terminal), as `printf %s "$KEY" | aura vault set NAME` does. */
export function auraPiped(home: string, argv: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { env: cliEnv(home, options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out: out.trimEnd(), err: err.trimEnd() }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs the built CLI on a terminal, answering each prompt in turn; returns all it showed (echo included). */
export function auraOnTerminal(home: string, argv: string[], answers: { prompt: string; answer: string }[], env: Record<string, string> = {}): Promise<{ code: number; screen: string }> {
  return new Promise((resolve) => {
    const term = spawnPty(process.execPath, [CLI, ...argv], { env: cliEnv(home, env), cols: 120, rows: 30 });
    let screen = '';
    let next = 0;
    term.onData((data) => {
      screen += data;
      const waiting = answers[next];
      if (waiting && screen.split(waiting.prompt).length - 1 > answers.slice(0, next).filter((a) => a.prompt === waiting.prompt).length) {
        next += 1;
        term.write(`${waiting.answer}\r`);
      }
    });
    term.onExit(({ exitCode }) => resolve({ code: exitCode, screen }));
  });
}

/** Every regular file under a folder (a data folder, to search for a canary secret; the host's socket is no file to read). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}
