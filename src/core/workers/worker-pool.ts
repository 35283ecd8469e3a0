import type { WorkerMethods } from '../../shared/worker-protocol';
import type { Logger } from '../logging/logger';
import { WorkerClient, type WorkerClientOptions } from './worker-client';
import { workerEntry } from './worker-entry';
import { workerEnv } from './worker-env';
import type { WorkerLauncher } from './worker-launcher';

export interface WorkerPoolOptions {
  launcher: WorkerLauncher;
  logger: Logger;
  /** The host's environment: workers get only its allowlisted part (worker-env.ts). */
  env: NodeJS.ProcessEnv;
  /** Where a worker's script is; by default found in the app's own install (worker-entry.ts). */
  entry?: (name: string) => string;
}

/** What a worker can be given when its client is made: variables of its own, and its health-check timing. */
export type WorkerOptions = { env?: Record<string, string> } & Pick<WorkerClientOptions, 'pingIntervalMs' | 'pingTimeoutMs' | 'readyTimeoutMs' | 'backoffMs' | 'maxBackoffMs'>;

/**
 * The app's workers. `create` makes a typed client of one; its process starts with its first call. Every
 * client made here is stopped when the app closes.
 */
export class WorkerPool {
  private readonly clients = new Set<WorkerClient<WorkerMethods>>();
  private disposed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /**
   * A client of the worker `name` (dist/workers/<name>.js; src/workers/<name>/main.ts in a checkout)
   * over its methods table from src/shared. `env` adds variables to the allowlisted ones; never a key.
   */
  create<M extends WorkerMethods>(name: string, methods: M, { env, ...timing }: WorkerOptions = {}): WorkerClient<M> {
    const { launcher, logger } = this.options;
    const entry = (this.options.entry ?? workerEntry)(name);
    const client = new WorkerClient(methods, { name, entry, env: workerEnv(this.options.env, env), launcher, logger, ...timing });
    if (this.disposed) void client.dispose();
    else this.clients.add(client);
    return client;
  }

  /** Stops every worker and waits for their processes to exit. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const clients = [...this.clients];
    this.clients.clear();
    await Promise.all(clients.map((client) => client.dispose()));
  }
}
