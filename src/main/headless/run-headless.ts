import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createApp } from '../../core/app';
import { locateResources, resolvePaths } from '../../core/paths';
import { AuraError } from '../../shared/errors';
import { version } from '../../../package.json';
import { systemChromiumVersion } from './chromium-version';
import { startHeadlessServer } from './server';

const DEFAULT_PORT = 47820;

/** `AURA_PORT` as a port number; 0 asks the OS for a free one (tests use it). */
export function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new AuraError('INVALID_INPUT', `AURA_PORT="${value}" is not a port number.`, 'Use a whole number from 1024 to 65535, or unset AURA_PORT for 47820.');
  }
  return port;
}

/** Starts the core services and the headless host; resolves once it is listening. */
export async function runHeadless(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = parsePort(env.AURA_PORT);
  const resourcesDir = locateResources(__dirname);
  const paths = resolvePaths(env);
  const app = createApp({ paths, resourcesDir, version, runtime: { host: 'headless', electron: null, chromium: systemChromiumVersion } });
  // 192 bits, fresh for every launch, never written to disk or to the log.
  const token = randomBytes(24).toString('base64url');
  let server;
  try {
    server = await startHeadlessServer({ app, port, token, rendererDir: join(dirname(resourcesDir), 'dist', 'renderer') });
  } catch (err) {
    await app.close();
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      throw new AuraError('CONFLICT', `Port ${port} is already in use (is Aura Work already running?).`, `Open the running one, or start on another port: AURA_PORT=${port + 1} npm start`);
    }
    throw err;
  }
  const interrupted = app.recoverInterruptedTasks();
  if (interrupted) app.logger.warn('tasks were interrupted by the last shutdown', { count: interrupted });
  app.watchExternalChanges();
  app.audit.append({ actor: 'system', action: 'host.start', detail: { host: 'headless', version, pid: process.pid, port: server.port } });
  app.logger.info('headless host started', { port: server.port, home: paths.home });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .then(() => app.close())
      .then(() => {
        app.logger.info('headless host stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`Aura Work is running at ${server.url}`);
}
