import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR, tempDir } from '../../../test/support/temp-app';
import { AuraError } from '../../shared/errors';
import { backupDatabase } from './backup';
import { openDatabase } from './database';
import { loadMigrations } from './migrations';

const migrations = loadMigrations(MIGRATIONS_DIR);
const expectAuraError = (fn: () => unknown, code: string) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AuraError);
    expect((err as AuraError).code).toBe(code);
    expect((err as AuraError).hint).toBeTruthy();
    return err as AuraError;
  }
  throw new Error(`expected ${code}`);
};

describe('openDatabase', () => {
  it('opens with the durability pragmas, migrates once and passes quick_check', () => {
    const file = join(tempDir(), 'aura.db');
    const opened = openDatabase(file, migrations);
    expect(opened.integrity).toBe('ok');
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    opened.db.close();
    const again = openDatabase(file, migrations);
    expect(again.schemaVersion).toBe(migrations.length);
    again.db.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const file = join(tempDir(), 'aura.db');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(file);
    const error = expectAuraError(() => openDatabase(file, migrations), 'DB_TOO_NEW');
    expect(error.message).toMatch(/schema version 99/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database and never resets it', () => {
    const file = join(tempDir(), 'aura.db');
    writeFileSync(file, 'this is not sqlite, but it is the user\u2019s data'.repeat(200));
    const before = readFileSync(file);
    expectAuraError(() => openDatabase(file, migrations), 'DB_CORRUPT');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a database whose pages are damaged', () => {
    const file = join(tempDir(), 'aura.db');
    const { db } = openDatabase(file, migrations);
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i += 1) insert.run(`row ${i} `.repeat(20));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    // Overwrite the middle pages (not the header) with noise.
    for (let i = 8192; i < bytes.length - 4096; i += 4096) bytes.fill(0x5a, i + 100, i + 600);
    writeFileSync(file, bytes);
    expectAuraError(() => openDatabase(file, migrations), 'DB_CORRUPT');
  });

  it('backs up online to a new file that opens with the same data, and never overwrites', async () => {
    const dir = tempDir();
    const { db } = openDatabase(join(dir, 'aura.db'), migrations);
    db.prepare("INSERT INTO settings VALUES ('theme', '\"dark\"', 'now')").run();
    const result = await backupDatabase(db, join(dir, 'copy.db'));
    expect(result.bytes).toBeGreaterThan(0);
    const copy = new Database(result.path, { readonly: true });
    expect(copy.prepare('SELECT value FROM settings').get()).toEqual({ value: '"dark"' });
    copy.close();
    await expect(backupDatabase(db, join(dir, 'copy.db'))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(backupDatabase(db, join(dir, 'missing', 'copy.db'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
