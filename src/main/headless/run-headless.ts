import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createApp } from '../../core/app';
import { localSocketPath } from '../../core/host/host-paths';
import { locateResources, resolvePaths } from '../../core/paths';
import type { HostInfo } from '../../shared/contract';
import { AuraError } from '../../shared/errors';
import { version } from '../../../package.json';
import { claimDataDir } from '../host/claim-data-dir';
import { startHostBridge } from '../host/host-bridge';
import { idleExit } from '../host/idle-exit';
import { parsePort } from '../host/ports';
import { serveLocalChannel } from '../host/local-channel';
import { systemChromiumVersion } from './chromium-version';
import { startHeadlessServer, type HeadlessServer } from './server';

const DEFAULT_PORT = 47820;
/** A background host (started by the CLI) exits after this long with no client and no running task. */
const DEFAULT_IDLE_EXIT_MS = 10 * 60_000;

function parseIdleMs(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_IDLE_EXIT_MS;
  const ms = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(ms >= 1000)) throw new AuraError('INVALID_INPUT', `AURA_IDLE_EXIT_MS="${value}" is not a duration.`, 'Use a whole number of milliseconds, at least 1000.');
  return ms;
}

/**
 * Starts the headless host: it takes the data directory's lock (or points to the host that has it), opens
 * the core services, and serves the CLI on the local socket and, unless it is a background host, the UI.
 */
export async function runHeadless(env: NodeJS.ProcessEnv = process.env, { background = false }: { background?: boolean } = {}): Promise<void> {
  const port = parsePort(env.AURA_PORT, 'AURA_PORT', DEFAULT_PORT);
  const idleMs = background ? parseIdleMs(env.AURA_IDLE_EXIT_MS) : null;
  const resourcesDir = locateResources(__dirname);
  const paths = resolvePaths(env);
  const claim = await claimDataDir(paths.home, { takeOverBackground: !background });
  if (!claim.owned) {
    console.log(claim.running.url ? `Aura Work is already running at ${claim.running.url}` : `Aura Work is already running (${claim.running.kind} host, pid ${claim.running.pid}).`);
    return;
  }
  const app = createApp({ paths, resourcesDir, version, runtime: { host: 'headless', electron: null, chromium: systemChromiumVersion } });
  let server: HeadlessServer | null = null;
  try {
    // 192 bits, fresh for every launch, never written to disk or to the log.
    const token = randomBytes(24).toString('base64url');
    if (!background) server = await startHeadlessServer({ app, port, token, rendererDir: join(dirname(resourcesDir), 'dist', 'renderer') });
  } catch (err) {
    await app.close();
    claim.lock.release();
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      throw new AuraError('CONFLICT', `Port ${port} is already in use by another program.`, `Start on another port: AURA_PORT=${port + 1} npm start`);
    }
    throw err;
  }
  const bridge = await startHostBridge(app, env, (line) => console.log(line));
  const interrupted = app.recoverInterruptedTasks();
  if (interrupted) app.logger.warn('tasks were interrupted by the last shutdown', { count: interrupted });
  // The MCP servers the user added start with the host that owns them.
  app.mcp.startAll();

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    idle?.dispose();
    // The lock goes before the last connections: a client that sees its connection close can start a host at once.
    void Promise.all([server?.close(), bridge?.close()])
      .then(() => app.close())
      .finally(() => {
        claim.lock.release();
        app.logger.info('headless host stopped');
        void channel.close().finally(() => process.exit(0));
      });
  };
  const idle = idleMs === null ? null : idleExit(idleMs, () => channel.clients() > 0 || app.agent.activeCount > 0, stop);
  const channel = await serveLocalChannel(app, localSocketPath(paths.home), () => idle?.check());
  if (idle) app.events.subscribe((event) => event === 'task.updated' && idle.check());
  const info: HostInfo = { kind: background ? 'background' : 'headless', pid: process.pid, version, startedAt: new Date().toISOString(), url: server?.url ?? null, bridgeUrl: bridge?.url ?? null, idleExitMs: idleMs };
  app.host = {
    info: () => info,
    // The window's host is stopped where it was started (Ctrl-C); a background host by any client.
    stop: () => (background ? (setImmediate(stop), true) : false),
  };
  idle?.check();
  app.audit.append({ actor: 'system', action: 'host.start', detail: { host: info.kind, version, pid: process.pid, port: server?.port ?? null } });
  app.logger.info('headless host started', { kind: info.kind, port: server?.port ?? null, home: paths.home });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (bridge) console.log(`Bridge at ${bridge.url}`);
  console.log(server ? `Aura Work is running at ${server.url}` : `Aura Work background host is serving ${paths.home} (pid ${process.pid})`);
}
