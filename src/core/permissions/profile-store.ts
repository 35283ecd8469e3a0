import { AuraError } from '../../shared/errors';
import { PermissionProfileDoc, ProfileDraft, type ToolRule } from '../../shared/permissions';
import { TERMINAL_STATUSES } from '../../shared/tasks';
import type { AuditLog, AuditRecord } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../store/database';
import { statementCache } from '../store/statement-cache';
import { BUILTIN_PROFILES, builtinProfile, FALLBACK_PROFILE_ID, isBuiltinProfileId } from './builtin-profiles';

interface ProfileRow {
  id: string;
  name: string;
  doc: string;
}

const LIST_HINT = 'See the profiles with `aura profiles list`.';
const COPY_HINT = (name: string) => `Built-in profiles cannot change: copy it first, e.g. aura profiles copy "${name}" "${name} (my rules)", then edit the copy.`;

/** The name an approval's "always" copy of a built-in profile gets. */
export const myRulesName = (name: string) => `${name} (my rules)`;

/**
 * Permission profiles: the four built-in ones (constants) and the user's (migration 010), and which one new
 * tasks get (the `permissionProfile` setting). Every change is written in one transaction with its audit entry.
 */
export class ProfileStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly deps: { db: Db; audit: AuditLog; events: EventBus; settings: SettingsService; logger: Logger },
  ) {
    this.sql = statementCache(deps.db);
  }

  /** Every profile, built-in ones first, and the one new tasks get. */
  list(): { active: string; profiles: PermissionProfileDoc[] } {
    return { active: this.activeId(), profiles: [...BUILTIN_PROFILES, ...this.custom()] };
  }

  /** The profile new tasks get: the setting's, or `ask` when that profile is gone. */
  activeId(): string {
    const id = this.deps.settings.getAll().permissionProfile;
    return this.find(id) ? id : FALLBACK_PROFILE_ID;
  }

  /** A profile by its id, or null. */
  find(id: string): PermissionProfileDoc | null {
    if (isBuiltinProfileId(id)) return builtinProfile(id);
    const row = this.sql('SELECT id, name, doc FROM permission_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    return row ? this.toDoc(row) : null;
  }

  /** What a task's calls are decided by: its profile, or `ask` when that profile was removed meanwhile. */
  forTask(id: string): PermissionProfileDoc {
    return this.find(id) ?? builtinProfile(FALLBACK_PROFILE_ID);
  }

  /** A profile by its id or its name (any case); NOT_FOUND says where to look. */
  resolve(ref: string): PermissionProfileDoc {
    const wanted = ref.trim();
    const byId = this.find(wanted);
    if (byId) return byId;
    const byName = this.list().profiles.find((profile) => profile.name.toLowerCase() === wanted.toLowerCase());
    if (byName) return byName;
    throw new AuraError('NOT_FOUND', `There is no permission profile "${wanted.slice(0, 80)}".`, LIST_HINT);
  }

  /** Makes a profile the one new tasks get (audited as the setting's change). */
  use(ref: string, actor: string): { active: string } {
    const profile = this.resolve(ref);
    this.deps.settings.set({ key: 'permissionProfile', value: profile.id }, actor);
    return { active: profile.id };
  }

  /** A new custom profile with another's defaults and rules, under a new name. */
  copy(ref: string, name: string, actor: string): PermissionProfileDoc {
    const source = this.resolve(ref);
    const draft = ProfileDraft.parse({ name, risks: source.risks, tools: source.tools, paths: source.paths });
    return this.write((now) => {
      this.assertNameFree(draft.name, null);
      const id = this.freshId(draft.name);
      this.sql('INSERT INTO permission_profiles (id, name, doc, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, draft.name, JSON.stringify(draft), now, now);
      return { id, audit: { actor, action: 'profile.copy', target: id, detail: { from: source.id, name: draft.name } } };
    });
  }

  /** Replaces a custom profile's name, defaults and rules; a built-in profile is refused with how to copy it. */
  save(id: string, given: ProfileDraft, actor: string): PermissionProfileDoc {
    const builtin = isBuiltinProfileId(id) ? builtinProfile(id) : null;
    if (builtin) throw new AuraError('FORBIDDEN', `"${builtin.name}" is built in and cannot change.`, COPY_HINT(builtin.name));
    const draft = ProfileDraft.parse(given);
    return this.write(() => {
      const before = this.find(id);
      if (!before) throw new AuraError('NOT_FOUND', `There is no permission profile "${id}".`, LIST_HINT);
      this.assertNameFree(draft.name, id);
      this.sql('UPDATE permission_profiles SET name = ?, doc = ?, updated_at = ? WHERE id = ?').run(draft.name, JSON.stringify(draft), new Date().toISOString(), id);
      return { id, audit: { actor, action: 'profile.save', target: id, detail: { name: draft.name, risks: draft.risks, tools: draft.tools.length, paths: draft.paths.length } } };
    });
  }

  /**
   * Deletes a custom profile. New tasks of a removed active profile get `ask`, and so do the next calls of
   * running tasks that used it; the answer says so.
   */
  remove(ref: string, actor: string): { removed: boolean; message?: string } {
    const profile = this.resolve(ref);
    if (profile.builtin) throw new AuraError('FORBIDDEN', `"${profile.name}" is built in and cannot be removed.`, 'Pick another profile for new tasks with `aura profiles use NAME`.');
    const wasActive = this.deps.settings.getAll().permissionProfile === profile.id;
    const running = (this.sql(`SELECT COUNT(*) AS n FROM tasks WHERE profile = ? AND status NOT IN (${TERMINAL_STATUSES.map(() => '?').join(', ')})`).get(profile.id, ...TERMINAL_STATUSES) as { n: number }).n;
    this.write(() => {
      this.sql('DELETE FROM permission_profiles WHERE id = ?').run(profile.id);
      return { id: null, audit: { actor, action: 'profile.remove', target: profile.id, detail: { name: profile.name, wasActive, runningTasks: running } } };
    });
    if (wasActive) this.deps.settings.set({ key: 'permissionProfile', value: FALLBACK_PROFILE_ID }, actor);
    const fallback = builtinProfile(FALLBACK_PROFILE_ID).name;
    const notes = [
      ...(wasActive ? [`It was the active profile: new tasks now get "${fallback}".`] : []),
      ...(running ? [`${running} unfinished task${running === 1 ? '' : 's'} used it: their next calls are decided by "${fallback}".`] : []),
    ];
    return notes.length ? { removed: true, message: notes.join(' ') } : { removed: true };
  }

  /**
   * "Always allow" from an approval: adds `{tool, allow}` to the profile. A built-in profile is first copied
   * as "<name> (my rules)" (or that copy reused), and the copy becomes the active profile; `copied` says so.
   */
  allowTool(profileId: string, tool: string, actor: string): { profile: PermissionProfileDoc; copied: boolean } {
    const source = this.forTask(profileId);
    let target = source;
    let copied = false;
    if (source.builtin) {
      const name = myRulesName(source.name);
      const existing = this.custom().find((profile) => profile.name.toLowerCase() === name.toLowerCase());
      target = existing ?? this.copy(source.id, name, actor);
      copied = true;
    }
    // An exact rule for this tool would tie with the new one: the answer replaces it.
    const rule: ToolRule = { tool, decision: 'allow' };
    const tools = [...target.tools.filter((existing) => existing.tool !== tool), rule];
    const saved = this.save(target.id, { name: target.name, risks: target.risks, tools, paths: target.paths }, actor);
    if (copied && this.deps.settings.getAll().permissionProfile !== saved.id) this.deps.settings.set({ key: 'permissionProfile', value: saved.id }, actor);
    return { profile: saved, copied };
  }

  private custom(): PermissionProfileDoc[] {
    return (this.sql('SELECT id, name, doc FROM permission_profiles ORDER BY created_at, name').all() as ProfileRow[]).flatMap((row) => {
      const doc = this.toDoc(row);
      return doc ? [doc] : [];
    });
  }

  private toDoc(row: ProfileRow): PermissionProfileDoc | null {
    let stored: unknown;
    try {
      stored = JSON.parse(row.doc);
    } catch {
      stored = undefined;
    }
    const parsed = PermissionProfileDoc.safeParse({ ...(stored as object), name: row.name, id: row.id, builtin: false });
    if (parsed.success) return parsed.data;
    // A row this version cannot read decides nothing: its tasks fall back to `ask`.
    this.deps.logger.warn('stored permission profile is invalid; ignored', { id: row.id });
    return null;
  }

  private assertNameFree(name: string, exceptId: string | null): void {
    const taken = [...BUILTIN_PROFILES, ...this.custom()].find((profile) => profile.id !== exceptId && profile.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new AuraError('CONFLICT', `A profile named "${taken.name}" already exists.`, 'Give the profile another name.');
  }

  /** An id from the name ("My rules" → my-rules), never a built-in one, made unique with a number. */
  private freshId(name: string): string {
    const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'profile';
    for (let n = 1; ; n += 1) {
      const id = n === 1 ? slug : `${slug}-${n}`;
      if (!isBuiltinProfileId(id) && !this.sql('SELECT 1 FROM permission_profiles WHERE id = ?').get(id)) return id;
    }
  }

  /** One write and its audit entry in one transaction; then the entry is announced and the profile returned. */
  private write(change: (now: string) => { id: string | null; audit: AuditRecord }): PermissionProfileDoc {
    const { id, entry } = this.deps.db
      .transaction(() => {
        const done = change(new Date().toISOString());
        return { id: done.id, entry: this.deps.audit.appendInTransaction(done.audit) };
      })
      .immediate();
    this.deps.events.emit('audit.appended', entry);
    return (id ? this.find(id) : null) as PermissionProfileDoc;
  }
}
