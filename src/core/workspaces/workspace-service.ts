import { randomUUID } from 'node:crypto';
import type { Workspace } from '../../shared/contract';
import { AuraError } from '../../shared/errors';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import { resolveFolder } from '../files/folder';
import type { Db } from '../store/database';

interface WorkspaceRow {
  id: string;
  name: string;
  path: string;
  created_at: string;
}

const toWorkspace = (row: WorkspaceRow): Workspace => ({ id: row.id, name: row.name, path: row.path, createdAt: row.created_at });

/** The folders the user lets Aura work in; stored by real path so one folder is one workspace. */
export class WorkspaceService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
  ) {}

  list(): Workspace[] {
    return (this.db.prepare('SELECT * FROM workspaces ORDER BY name COLLATE NOCASE, created_at').all() as WorkspaceRow[]).map(toWorkspace);
  }

  add(name: string, path: string, actor: string): Workspace {
    const real = resolveFolder(path);
    const workspace: Workspace = { id: randomUUID(), name, path: real, createdAt: new Date().toISOString() };
    const entry = this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM workspaces WHERE path = ?').get(real)) {
          throw new AuraError('CONFLICT', `${real} is already a workspace.`, 'Pick it from the list instead of adding it again.');
        }
        this.db.prepare('INSERT INTO workspaces (id, name, path, created_at) VALUES (?, ?, ?, ?)').run(workspace.id, name, real, workspace.createdAt);
        return this.audit.appendInTransaction({ actor, action: 'workspace.add', target: workspace.id, detail: { name, path: real } });
      })
      .immediate();
    this.announce([entry]);
    return workspace;
  }

  remove(id: string, actor: string): boolean {
    const entries = this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT * FROM workspaces WHERE id = ?').get(id) as WorkspaceRow | undefined;
        if (!row) return [];
        const written = [];
        const defaultRow = this.db.prepare("SELECT value FROM settings WHERE key = 'defaultWorkspace'").get() as { value: string } | undefined;
        if (defaultRow && JSON.parse(defaultRow.value) === id) {
          this.db.prepare("UPDATE settings SET value = 'null', updated_at = ? WHERE key = 'defaultWorkspace'").run(new Date().toISOString());
          written.push(this.audit.appendInTransaction({ actor, action: 'settings.set', target: 'defaultWorkspace', detail: { from: id, to: null } }));
        }
        this.db.prepare('DELETE FROM workspaces WHERE id = ?').run(id);
        written.push(this.audit.appendInTransaction({ actor, action: 'workspace.remove', target: id, detail: { name: row.name, path: row.path } }));
        return written;
      })
      .immediate();
    this.announce(entries);
    return entries.length > 0;
  }

  private announce(entries: ReturnType<AuditLog['appendInTransaction']>[]): void {
    if (!entries.length) return;
    for (const entry of entries) this.events.emit('audit.appended', entry);
    this.events.emit('workspaces.changed', this.list());
  }
}
