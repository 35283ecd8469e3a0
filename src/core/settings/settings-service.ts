import { AuraError } from '../../shared/errors';
import { DEFAULT_SETTINGS, SettingKey, settingSchemas, type SettingChange, type Settings } from '../../shared/settings';
import type { AuditLog } from '../audit/audit-log';
import { isBuiltinProfileId } from '../permissions/builtin-profiles';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { Db } from '../store/database';

/** Settings in SQLite; every change is audited in the same transaction and pushed as an event. */
export class SettingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  getAll(): Settings {
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]) {
      const key = SettingKey.safeParse(row.key);
      if (!key.success) continue;
      const parsed = settingSchemas[key.data].safeParse(safeJson(row.value));
      if (parsed.success) settings[key.data] = parsed.data;
      else this.logger.warn('stored setting is invalid; using its default', { key: key.data });
    }
    return settings as Settings;
  }

  set(change: SettingChange, actor: string): Settings {
    const entry = this.db
      .transaction(() => {
        if (change.key === 'defaultWorkspace' && change.value !== null) {
          const exists = this.db.prepare('SELECT 1 FROM workspaces WHERE id = ?').get(change.value);
          if (!exists) throw new AuraError('NOT_FOUND', 'That workspace does not exist.', 'Add the folder as a workspace first.');
        }
        if (change.key === 'permissionProfile' && !isBuiltinProfileId(change.value) && !this.db.prepare('SELECT 1 FROM permission_profiles WHERE id = ?').get(change.value)) {
          throw new AuraError('NOT_FOUND', `There is no permission profile "${change.value}".`, 'See the profiles with `aura profiles list`.');
        }
        const before = this.getAll()[change.key];
        if (before === change.value) return null;
        this.db
          .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
          .run(change.key, JSON.stringify(change.value), new Date().toISOString());
        return this.audit.appendInTransaction({ actor, action: 'settings.set', target: change.key, detail: { from: before, to: change.value } });
      })
      .immediate();
    const settings = this.getAll();
    if (entry) {
      this.events.emit('audit.appended', entry);
      this.events.emit('settings.changed', settings);
    }
    return settings;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
