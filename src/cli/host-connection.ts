import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { localSocketPath } from '../core/host/host-paths';
import { LocalClient } from '../core/host/local-client';
import { resolvePaths } from '../core/paths';
import { CliError } from './cli-error';

/** How long a command waits for a background host it started to serve. */
const START_TIMEOUT_MS = 60_000;

const noHost = (code: string | undefined) => code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET';

/** Connects to the host that owns the data directory; null when none is serving. */
export async function connectToHost(env: NodeJS.ProcessEnv): Promise<LocalClient | null> {
  const { home } = resolvePaths(env);
  try {
    return await LocalClient.connect(localSocketPath(home));
  } catch (err) {
    if (noHost((err as { code?: string }).code)) return null;
    throw new CliError('HOST_UNREACHABLE', `Could not reach the Aura Work host: ${(err as Error).message}`, 'Check `aura host status`.');
  }
}

/**
 * Connects to the running host, or starts a background host (no window; it exits after some idle minutes)
 * and connects to it. The CLI itself never opens the database.
 */
export async function connectOrStartHost(env: NodeJS.ProcessEnv, distDir: string): Promise<LocalClient> {
  const running = await connectToHost(env);
  if (running) return running;
  const started = startBackgroundHost(env, distDir);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let attempt = 0; ; attempt += 1) {
    const client = await connectToHost(env);
    if (client) return client;
    // Exit 0 is a start that found another host starting meanwhile: keep trying its socket.
    if (started.exitCode !== null && started.exitCode !== 0) {
      const [reason, ...hint] = started.lastLine().split('\n');
      throw new CliError('HOST_UNREACHABLE', `Aura Work could not start: ${reason}`, hint.length ? hint.join(' ') : `See ${started.log}.`);
    }
    if (Date.now() > deadline) throw new CliError('HOST_UNREACHABLE', 'The background host did not start in time.', `See ${started.log}.`);
    await delay(Math.min(20 * 2 ** attempt, 250));
  }
}

function startBackgroundHost(env: NodeJS.ProcessEnv, distDir: string): { log: string; readonly exitCode: number | null; lastLine(): string } {
  const { logs } = resolvePaths(env);
  const log = join(logs, 'background-host.log');
  const entry = join(distDir, 'start.js');
  if (!existsSync(entry)) throw new CliError('HOST_UNREACHABLE', `The app is not built (${entry} is missing).`, 'Run `npm run build` first.');
  const fd = openSync(log, 'a', 0o600);
  let exitCode: number | null = null;
  try {
    const child = spawn(process.execPath, [entry, '--background'], { detached: true, stdio: ['ignore', fd, fd], env: { ...env, AURA_HEADLESS: '1', AURA_VAULT_PASSWORD: undefined, AURA_VAULT_NEW_PASSWORD: undefined } });
    child.once('exit', (code) => (exitCode = code ?? 1));
    child.unref();
  } finally {
    closeSync(fd);
  }
  return {
    log,
    get exitCode() {
      return exitCode;
    },
    // What the host said when it gave up (`Aura Work could not start: …` and its hint), from its log.
    lastLine: () => {
      const text = readFileSync(log, 'utf8');
      const at = text.lastIndexOf('Aura Work could not start: ');
      return (at >= 0 ? text.slice(at + 'Aura Work could not start: '.length) : (text.trim().split('\n').at(-1) ?? '')).trim();
    },
  };
}
