import Database from 'better-sqlite3';
import { AuraError } from '../../shared/errors';
import type { Migration } from './migrations';

export type Db = Database.Database;

export interface OpenedDatabase {
  db: Db;
  schemaVersion: number;
  integrity: string;
  checkedAt: string;
}

const RESTORE_HINT =
  'Aura Work will not reset it. Restore a backup made with `aura backup FILE` by copying it over this file, or move the file aside to start with an empty database.';

/**
 * Opens the store with the durability settings of SECURITY.md (busy_timeout first, then WAL,
 * synchronous=FULL, foreign keys), runs quick_check and applies migrations. Never resets data.
 */
export function openDatabase(file: string, migrations: Migration[]): OpenedDatabase {
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new AuraError('DB_UNREADABLE', `The database at ${file} could not be opened: ${(err as Error).message}.`, 'Check that the data directory exists and is writable.');
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Checked before anything writes, so a database from a newer version stays byte-for-byte as it was.
    refuseNewerSchema(db, file, migrations.length);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const integrity = (db.pragma('quick_check', { simple: false }) as { quick_check: string }[])
      .map((row) => row.quick_check)
      .join('; ');
    if (integrity !== 'ok') {
      throw new AuraError('DB_CORRUPT', `The database at ${file} failed its integrity check: ${integrity.slice(0, 300)}.`, RESTORE_HINT);
    }
    const schemaVersion = migrate(db, migrations);
    return { db, schemaVersion, integrity, checkedAt: new Date().toISOString() };
  } catch (err) {
    db.close();
    if (err instanceof AuraError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AuraError('DB_CORRUPT', `The file at ${file} is not a valid Aura Work database (${code}).`, RESTORE_HINT);
    }
    throw new AuraError('DB_UNREADABLE', `The database at ${file} could not be prepared: ${(err as Error).message}.`, RESTORE_HINT);
  }
}

function refuseNewerSchema(db: Db, file: string, latest: number): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new AuraError(
      'DB_TOO_NEW',
      `The database at ${file} has schema version ${current}, but this Aura Work knows only up to ${latest}.`,
      'It was written by a newer Aura Work: install that version again, or point AURA_HOME at another folder.',
    );
  }
}

function migrate(db: Db, migrations: Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations.slice(current)) {
    // Each migration and its version bump commit together, so a crash leaves the old version intact. The
    // version is read inside the write lock: two processes opening an old database at once apply it once.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return migrations.length;
}

