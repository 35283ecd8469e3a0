import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerdict } from '../../shared/contract';
import type { Db } from '../store/database';
import { canonicalJson } from './canonical-json';
import { redactSecrets } from '../secrets/secret-values';

export const GENESIS_HASH = '0'.repeat(64);
const DOMAIN = 'aura-audit-v1';

/** What a caller records; sequence, time and hashes are the log's business. */
export interface AuditRecord {
  actor: string;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  ts: string;
  actor: string;
  action: string;
  target: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** h_i = SHA-256("aura-audit-v1" ‖ canonical(entry_i) ‖ h_{i-1}) — see SECURITY.md. */
function chainHash(entry: Omit<AuditEntry, 'hash'>, prevHash: string): string {
  const body = canonicalJson({ seq: entry.seq, ts: entry.ts, actor: entry.actor, action: entry.action, target: entry.target, detail: entry.detail });
  return createHash('sha256').update(DOMAIN).update(body).update(prevHash).digest('hex');
}

function toEntry(row: AuditRow): AuditEntry {
  return { seq: row.seq, ts: row.ts, actor: row.actor, action: row.action, target: row.target, detail: JSON.parse(row.detail) as Record<string, unknown>, hash: row.hash };
}

export interface AuditPageQuery {
  page: number;
  pageSize: number;
  action?: string | undefined;
  query?: string | undefined;
}

/** The append-only, hash-chained audit trail. Appends join the caller's transaction. */
export class AuditLog {
  private readonly headStmt;
  private readonly insertStmt;
  private readonly appendListeners: ((seq: number, hash: string) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.headStmt = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      'INSERT INTO audit (seq, ts, actor, action, target, detail, prev_hash, hash) VALUES (@seq, @ts, @actor, @action, @target, @detail, @prev_hash, @hash)',
    );
  }

  /**
   * Appends one entry. Must run inside the same (immediate) transaction as the action it records,
   * so the action and its audit entry commit or roll back together.
   */
  appendInTransaction(record: AuditRecord): AuditEntry {
    if (!this.db.inTransaction) throw new Error('AuditLog.appendInTransaction needs an open transaction.');
    const head = this.headStmt.get();
    const prevHash = head?.hash ?? GENESIS_HASH;
    const base = {
      seq: (head?.seq ?? 0) + 1,
      ts: this.clock().toISOString(),
      actor: record.actor,
      action: record.action,
      target: record.target === undefined || record.target === null ? null : redactSecrets(record.target),
      // Redacted before hashing: the append-only trail could never be cleaned of a secret afterwards.
      detail: JSON.parse(redactSecrets(canonicalJson(record.detail ?? {}))) as Record<string, unknown>,
    };
    const hash = chainHash(base, prevHash);
    this.insertStmt.run({ ...base, detail: canonicalJson(base.detail), prev_hash: prevHash, hash });
    for (const listener of this.appendListeners) listener(base.seq, hash);
    return { ...base, hash };
  }

  /** Appends an entry in a transaction of its own, for events that change nothing else. */
  append(record: AuditRecord): AuditEntry {
    return this.db.transaction(() => this.appendInTransaction(record)).immediate();
  }

  list({ page, pageSize, action, query }: AuditPageQuery): { entries: AuditEntry[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (action) {
      where.push('action = @action');
      params.action = action;
    }
    if (query) {
      where.push("(actor LIKE @q ESCAPE '\\' OR action LIKE @q ESCAPE '\\' OR target LIKE @q ESCAPE '\\' OR detail LIKE @q ESCAPE '\\')");
      params.q = `%${query.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM audit ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as AuditRow[];
    return { entries: rows.map(toEntry), total };
  }

  /** Entries after `seq`, oldest first, at most `limit`. */
  since(seq: number, limit = 500): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit) as AuditRow[]).map(toEntry);
  }

  /** Called inside the append's transaction with the new entry's seq and hash (checkpoints track what this process wrote). */
  onAppend(listener: (seq: number, hash: string) => void): void {
    this.appendListeners.push(listener);
  }

  /** The newest entry's seq and hash, or null for an empty trail. */
  head(): { seq: number; hash: string } | null {
    return this.headStmt.get() ?? null;
  }

  /** The hash stored for entry `seq`, or null when there is none. */
  hashAt(seq: number): string | null {
    return (this.db.prepare('SELECT hash FROM audit WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null;
  }

  headSeq(): number {
    return this.headStmt.get()?.seq ?? 0;
  }

  actions(): string[] {
    return (this.db.prepare('SELECT DISTINCT action FROM audit ORDER BY action').all() as { action: string }[]).map((row) => row.action);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  }

  /** Walks the whole chain and names the first entry that is missing, out of place or altered. */
  verify(): AuditVerdict {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (const row of this.db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      const bad = (reason: string): AuditVerdict => ({ ok: false, count: expectedSeq - 1, head: prevHash, firstBad: { seq: row.seq, reason } });
      if (row.seq !== expectedSeq) return bad(`expected entry ${expectedSeq} here: entries are missing or out of order`);
      if (row.prev_hash !== prevHash) return bad('its link to the previous entry is broken');
      let detail: Record<string, unknown>;
      try {
        detail = JSON.parse(row.detail) as Record<string, unknown>;
      } catch {
        return bad('its detail is not valid JSON');
      }
      const expected = chainHash({ seq: row.seq, ts: row.ts, actor: row.actor, action: row.action, target: row.target, detail }, prevHash);
      if (expected !== row.hash) return bad('its content does not match its hash');
      prevHash = row.hash;
      expectedSeq += 1;
    }
    const count = expectedSeq - 1;
    return { ok: true, count, head: count ? prevHash : null, firstBad: null };
  }
}
