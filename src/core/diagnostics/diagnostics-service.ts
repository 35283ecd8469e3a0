import { statSync } from 'node:fs';
import type { Diagnostics } from '../../shared/contract';
import type { Logger } from '../logging/logger';
import type { AppPaths } from '../paths';
import type { Db, OpenedDatabase } from '../store/database';

export interface RuntimeInfo {
  host: 'electron' | 'headless';
  electron: string | null;
  /** Resolved lazily: under the headless host it asks the system browser, which takes a moment. */
  chromium: () => Promise<string | null>;
}

/** Everything a person (or a bug report) needs to know about this install, with no secrets. */
export class DiagnosticsService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly opened: OpenedDatabase,
    private readonly paths: AppPaths,
    private readonly runtime: RuntimeInfo,
    private readonly version: string,
    private readonly logger: Logger,
  ) {}

  get host(): RuntimeInfo['host'] {
    return this.runtime.host;
  }

  async get(): Promise<Diagnostics> {
    const db: Db = this.opened.db;
    return {
      app: { name: 'Aura Work', version: this.version, host: this.runtime.host },
      runtime: {
        node: process.versions.node,
        electron: this.runtime.electron,
        chromium: await this.runtime.chromium(),
        sqlite: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
        platform: process.platform,
        arch: process.arch,
      },
      paths: { home: this.paths.home, database: this.paths.database, logs: this.paths.logs, backups: this.paths.backups },
      database: {
        sizeBytes: fileSize(this.paths.database) + fileSize(`${this.paths.database}-wal`),
        schemaVersion: this.opened.schemaVersion,
        integrity: this.opened.integrity,
        checkedAt: this.opened.checkedAt,
      },
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      recentLogs: this.logger.tail(50),
    };
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
