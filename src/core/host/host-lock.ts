import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface HostLock {
  /** Gives the data directory up (a clean stop); a crashed process's lock is released by the OS. */
  release(): void;
}

/**
 * The one-owner lock of a data directory: an exclusive SQLite lock (a POSIX record lock on Linux and macOS,
 * LockFileEx on Windows) on `host.lock`, held for the process's life. The OS drops it when the process
 * ends, however it ends, so no timer ever decides that an owner is gone. Returns null when another
 * process holds it. Opening this file never touches `aura.db`.
 */
export function acquireHostLock(home: string): HostLock | null {
  const db = new Database(join(home, 'host.lock'), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = DELETE');
    // In exclusive locking mode the first write transaction takes the lock and keeps it until close.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, since TEXT NOT NULL)');
    db.exec('DELETE FROM owner');
    db.prepare('INSERT INTO owner (pid, since) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    db.exec('COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') return null;
    throw err;
  }
  return {
    release: () => {
      if (db.open) db.close();
    },
  };
}
