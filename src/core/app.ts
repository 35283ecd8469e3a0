import { join } from 'node:path';
import { AuditLog } from './audit/audit-log';
import { DiagnosticsService, type RuntimeInfo } from './diagnostics/diagnostics-service';
import { EventBus } from './events/event-bus';
import { watchExternalChanges } from './events/external-changes';
import { createFileLogger, type Logger } from './logging/logger';
import type { AppPaths } from './paths';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { createHandlers } from './rpc/handlers';
import { backupDatabase } from './store/backup';
import { openDatabase, type OpenedDatabase } from './store/database';
import { loadMigrations } from './store/migrations';
import { SettingsService } from './settings/settings-service';
import { WorkspaceService } from './workspaces/workspace-service';

export interface AppOptions {
  paths: AppPaths;
  /** The folder holding `migrations/`, `locales/` and the other shipped assets. */
  resourcesDir: string;
  version: string;
  runtime: RuntimeInfo;
  logger?: Logger;
}

/** Every core service, built once and shared by whichever host runs them. */
export interface AuraApp {
  paths: AppPaths;
  version: string;
  logger: Logger;
  events: EventBus;
  store: OpenedDatabase;
  audit: AuditLog;
  settings: SettingsService;
  workspaces: WorkspaceService;
  diagnostics: DiagnosticsService;
  dispatch: Dispatch;
  backup(target: string, actor: string): Promise<{ path: string; bytes: number }>;
  /** For long-running hosts: pushes changes other processes commit (e.g. `aura settings set`). */
  watchExternalChanges(intervalMs?: number): void;
  close(): void;
}

/** The composition root: builds the services and passes each what it needs through its constructor. */
export function createApp({ paths, resourcesDir, version, runtime, logger: givenLogger }: AppOptions): AuraApp {
  const logger = givenLogger ?? createFileLogger({ dir: paths.logs });
  const store = openDatabase(paths.database, loadMigrations(join(resourcesDir, 'migrations')));
  const events = new EventBus();
  const audit = new AuditLog(store.db);
  const settings = new SettingsService(store.db, audit, events, logger);
  const workspaces = new WorkspaceService(store.db, audit, events);
  const diagnostics = new DiagnosticsService(store, paths, runtime, version, logger);
  let stopWatching: (() => void) | undefined;
  const app: AuraApp = {
    paths,
    version,
    logger,
    events,
    store,
    audit,
    settings,
    workspaces,
    diagnostics,
    dispatch: () => Promise.reject(new Error('dispatcher not ready')),
    async backup(target, actor) {
      const result = await backupDatabase(store.db, target);
      events.emit('audit.appended', audit.append({ actor, action: 'backup.create', target: result.path, detail: { bytes: result.bytes } }));
      return result;
    },
    watchExternalChanges(intervalMs) {
      stopWatching ??= watchExternalChanges({ db: store.db, audit, settings, workspaces, events }, intervalMs);
    },
    close() {
      stopWatching?.();
      if (store.db.open) store.db.close();
    },
  };
  app.dispatch = createDispatcher(createHandlers(app), logger);
  return app;
}
