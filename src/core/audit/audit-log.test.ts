import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { loadMigrations } from '../store/migrations';
import { openDatabase, type Db } from '../store/database';
import { MIGRATIONS_DIR, tempDir } from '../../../test/support/temp-app';
import { AuditLog, GENESIS_HASH } from './audit-log';
import { canonicalJson } from './canonical-json';
import { join } from 'node:path';

const ENTRIES = 10_000;
const TRIALS_PER_KIND = 30;

function freshDb(): Db {
  return openDatabase(join(tempDir(), 'aura.db'), loadMigrations(MIGRATIONS_DIR)).db;
}

/** Deterministic pseudo-random numbers so a failure can be replayed. */
function rng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('AuditLog', () => {
  it('chains each entry to the previous one with the documented hash', () => {
    const db = freshDb();
    const log = new AuditLog(db, () => new Date('2026-01-02T03:04:05.000Z'));
    const first = log.append({ actor: 'ui', action: 'settings.set', target: 'theme', detail: { to: 'dark', from: 'light' } });
    const second = log.append({ actor: 'cli', action: 'backup.create' });
    const body = canonicalJson({ seq: 1, ts: '2026-01-02T03:04:05.000Z', actor: 'ui', action: 'settings.set', target: 'theme', detail: { from: 'light', to: 'dark' } });
    expect(first.hash).toBe(createHash('sha256').update('aura-audit-v1').update(body).update(GENESIS_HASH).digest('hex'));
    expect(second.seq).toBe(2);
    expect(log.verify()).toEqual({ ok: true, count: 2, head: second.hash, firstBad: null });
  });

  it('is append-only: the database refuses UPDATE and DELETE', () => {
    const db = freshDb();
    const log = new AuditLog(db);
    log.append({ actor: 'ui', action: 'x' });
    expect(() => db.prepare("UPDATE audit SET actor = 'evil'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(log.verify().ok).toBe(true);
  });

  it('refuses to append outside a transaction, so an action and its entry always commit together', () => {
    const log = new AuditLog(freshDb());
    expect(() => log.appendInTransaction({ actor: 'ui', action: 'x' })).toThrow(/transaction/);
  });

  it('pages and filters newest first, treating LIKE wildcards literally', () => {
    const log = new AuditLog(freshDb());
    for (let i = 0; i < 25; i += 1) log.append({ actor: 'ui', action: i % 2 ? 'odd' : 'even', target: `t${i}` });
    log.append({ actor: 'ui', action: 'odd', target: '100%_literal' });
    const page2 = log.list({ page: 2, pageSize: 10 });
    expect(page2.total).toBe(26);
    expect(page2.entries.map((e) => e.seq)).toEqual([16, 15, 14, 13, 12, 11, 10, 9, 8, 7]);
    expect(log.list({ page: 1, pageSize: 50, action: 'even' }).total).toBe(13);
    expect(log.list({ page: 1, pageSize: 50, query: '%_' }).entries.map((e) => e.target)).toEqual(['100%_literal']);
    expect(log.actions()).toEqual(['even', 'odd']);
  });

  describe('tamper detection on a 10k-entry log', () => {
    let pristine: Buffer;
    beforeAll(() => {
      const db = freshDb();
      const log = new AuditLog(db);
      db.transaction(() => {
        for (let i = 0; i < ENTRIES; i += 1) log.appendInTransaction({ actor: i % 3 ? 'ui' : 'cli', action: 'settings.set', target: `k${i % 7}`, detail: { n: i } });
      })();
      expect(log.verify()).toMatchObject({ ok: true, count: ENTRIES });
      db.pragma('journal_mode = DELETE');
      pristine = db.serialize();
    });

    // An attacker with the file can drop the triggers; the chain must still give them away.
    const attack = (tamper: (db: Db) => void) => {
      const db = new Database(pristine);
      db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
      tamper(db);
      return new AuditLog(db).verify();
    };
    const random = rng(42);
    const pick = (max: number) => 1 + Math.floor(random() * max);
    const fields = ['ts', 'actor', 'action', 'target', 'detail', 'prev_hash', 'hash'] as const;

    it('detects every mutated field', () => {
      for (let trial = 0; trial < TRIALS_PER_KIND; trial += 1) {
        const seq = pick(ENTRIES);
        const field = fields[trial % fields.length]!;
        const value = field === 'detail' ? '{"n":-1}' : field.endsWith('hash') ? 'f'.repeat(64) : 'forged';
        const verdict = attack((db) => db.prepare(`UPDATE audit SET ${field} = ? WHERE seq = ?`).run(value, seq));
        expect(verdict.ok).toBe(false);
        expect(verdict.firstBad?.seq).toBeLessThanOrEqual(seq + 1);
      }
    });

    it('detects every deleted entry before the head', () => {
      for (let trial = 0; trial < TRIALS_PER_KIND; trial += 1) {
        const seq = pick(ENTRIES - 1);
        const verdict = attack((db) => db.prepare('DELETE FROM audit WHERE seq = ?').run(seq));
        expect(verdict).toMatchObject({ ok: false, firstBad: { seq: seq + 1 } });
      }
    });

    it('detects every inserted entry, renumbered or appended', () => {
      for (let trial = 0; trial < TRIALS_PER_KIND; trial += 1) {
        const seq = pick(ENTRIES + 1);
        const verdict = attack((db) => {
          const neighbour = db.prepare('SELECT * FROM audit WHERE seq = ?').get(Math.min(seq, ENTRIES)) as Record<string, unknown>;
          db.prepare('UPDATE audit SET seq = -seq WHERE seq >= ?').run(seq);
          db.prepare('UPDATE audit SET seq = -seq + 1 WHERE seq < 0').run();
          db.prepare('INSERT INTO audit (seq, ts, actor, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
            seq, neighbour.ts, 'evil', 'settings.set', 'theme', '{"n":0}', neighbour.prev_hash, createHash('sha256').update(`x${trial}`).digest('hex'),
          );
        });
        expect(verdict).toMatchObject({ ok: false, firstBad: { seq } });
      }
    });

    it('detects every reordering of two entries', () => {
      for (let trial = 0; trial < TRIALS_PER_KIND; trial += 1) {
        const a = pick(ENTRIES);
        let b = pick(ENTRIES);
        if (b === a) b = a === ENTRIES ? a - 1 : a + 1;
        const verdict = attack((db) => {
          db.prepare('UPDATE audit SET seq = -1 WHERE seq = ?').run(a);
          db.prepare('UPDATE audit SET seq = ? WHERE seq = ?').run(a, b);
          db.prepare('UPDATE audit SET seq = ? WHERE seq = -1').run(b);
        });
        expect(verdict).toMatchObject({ ok: false, firstBad: { seq: Math.min(a, b) } });
      }
    });
  });
});
