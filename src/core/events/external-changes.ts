import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../store/database';
import type { SettingsService } from '../settings/settings-service';
import { TaskHistory } from '../tasks/task-history';
import type { TaskStore } from '../tasks/task-store';
import type { WorkspaceService } from '../workspaces/workspace-service';
import type { EventBus } from './event-bus';
import { TaskAnnouncer } from './task-announcer';

/**
 * Re-announces changes committed by other processes (the CLI, a second host), so an open window
 * shows them live. `PRAGMA data_version` moves only on other connections' commits, and since every
 * change is audited, the new audit entries say exactly what changed.
 */
export function watchExternalChanges(
  deps: { db: Db; audit: AuditLog; settings: SettingsService; workspaces: WorkspaceService; tasks: TaskStore; events: EventBus },
  intervalMs = 1000,
): () => void {
  const { db, audit, settings, workspaces, tasks, events } = deps;
  const dataVersion = () => db.pragma('data_version', { simple: true }) as number;
  let version = dataVersion();
  // Entries are announced by whoever wrote them: ours by the services, others' here. A high-water mark
  // moved by our own appends would skip another process's entry committed just before one of ours.
  let checkedUpTo = audit.headSeq();
  const ours = new Set<number>();
  const announcer = new TaskAnnouncer(tasks, new TaskHistory(db), events);
  const unsubscribe = events.subscribe((event, payload) => {
    if (event === 'audit.appended') ours.add((payload as { seq: number }).seq);
  });

  const check = () => {
    if (!db.open) return;
    const current = dataVersion();
    if (current === version) return;
    version = current;
    announcer.announce();
    const entries = audit.since(checkedUpTo);
    if (!entries.length) return;
    checkedUpTo = entries.at(-1)?.seq ?? checkedUpTo;
    const theirs = entries.filter((entry) => !ours.has(entry.seq));
    for (const seq of ours) if (seq <= checkedUpTo) ours.delete(seq);
    for (const entry of theirs) events.emit('audit.appended', entry);
    if (theirs.some((entry) => entry.action.startsWith('settings.'))) events.emit('settings.changed', settings.getAll());
    if (theirs.some((entry) => entry.action.startsWith('workspace.'))) events.emit('workspaces.changed', workspaces.list());
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
    announcer.dispose();
  };
}
