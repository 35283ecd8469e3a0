import { randomUUID } from 'node:crypto';
import type { Scope } from '../../shared/auth';
import type { BridgeClient } from '../../shared/bridge';
import type { Db } from '../store/database';
import { statementCache } from '../store/statement-cache';

/** A live client as the bridge checks it on every request: held in memory, looked up by token digest. */
export interface ClientRecord {
  id: string;
  name: string;
  kind: BridgeClient['kind'];
  origin: string | null;
  scopes: readonly Scope[];
  tokenDigest: Buffer;
  createdAt: number;
  /** Last request, in memory; written to the database at most once a minute (see `touch`). */
  lastSeenAt: number | null;
  persistedSeenAt: number | null;
}

interface ClientRow {
  id: string;
  name: string;
  kind: BridgeClient['kind'];
  origin: string | null;
  scopes: string;
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
}

const SEEN_WRITE_INTERVAL_MS = 60_000;

/**
 * Paired clients and script tokens (migration 007). Revoked rows stay, for the audit trail's sake; the live
 * ones are cached in memory, keyed by the hex digest of their token, so a request costs one hash and one
 * map lookup. This host owns the database alone, so the cache is the truth once loaded.
 */
export class ClientStore {
  private readonly sql: ReturnType<typeof statementCache>;
  private readonly byDigest = new Map<string, ClientRecord>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.sql = statementCache(db);
    for (const row of this.sql('SELECT * FROM bridge_clients WHERE revoked_at IS NULL').all() as ClientRow[]) {
      const record: ClientRecord = {
        id: row.id,
        name: row.name,
        kind: row.kind,
        origin: row.origin,
        scopes: JSON.parse(row.scopes) as Scope[],
        tokenDigest: Buffer.from(row.token_hash, 'hex'),
        createdAt: Date.parse(row.created_at),
        lastSeenAt: row.last_seen_at ? Date.parse(row.last_seen_at) : null,
        persistedSeenAt: row.last_seen_at ? Date.parse(row.last_seen_at) : null,
      };
      this.byDigest.set(row.token_hash, record);
    }
  }

  live(): ClientRecord[] {
    return [...this.byDigest.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  byTokenDigest(hex: string): ClientRecord | undefined {
    return this.byDigest.get(hex);
  }

  byName(name: string): ClientRecord | undefined {
    return this.live().find((client) => client.name === name);
  }

  /** Inserts a client; call inside the transaction that audits it. */
  insert(client: { name: string; kind: BridgeClient['kind']; origin: string | null; scopes: readonly Scope[]; tokenDigest: Buffer }): ClientRecord {
    const at = this.now();
    const record: ClientRecord = { ...client, id: randomUUID(), createdAt: at, lastSeenAt: null, persistedSeenAt: null };
    const hex = client.tokenDigest.toString('hex');
    this.sql('INSERT INTO bridge_clients (id, name, kind, origin, scopes, token_hash, created_at, last_seen_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)').run(
      record.id,
      record.name,
      record.kind,
      record.origin,
      JSON.stringify(record.scopes),
      hex,
      new Date(at).toISOString(),
    );
    // The cache changes once the transaction has committed (see `commitInsert`).
    return record;
  }

  /** Makes an inserted client live; called after its transaction commits, so a rollback leaves no ghost. */
  commitInsert(record: ClientRecord): void {
    this.byDigest.set(record.tokenDigest.toString('hex'), record);
  }

  /** Marks a client revoked; call inside the transaction that audits it, then `forget`. */
  revoke(record: ClientRecord): void {
    this.sql('UPDATE bridge_clients SET revoked_at = ? WHERE id = ?').run(new Date(this.now()).toISOString(), record.id);
  }

  forget(record: ClientRecord): void {
    this.byDigest.delete(record.tokenDigest.toString('hex'));
  }

  /** Notes a request; the database hears of it at most once a minute (a write per request would cost an fsync each). */
  touch(record: ClientRecord): void {
    const at = this.now();
    record.lastSeenAt = at;
    if (record.persistedSeenAt === null || at - record.persistedSeenAt >= SEEN_WRITE_INTERVAL_MS) this.persistSeen(record);
  }

  /** Writes every unsaved last-seen time (at shutdown). */
  flush(): void {
    for (const record of this.byDigest.values()) if (record.lastSeenAt !== record.persistedSeenAt) this.persistSeen(record);
  }

  private persistSeen(record: ClientRecord): void {
    if (record.lastSeenAt === null || !this.db.open) return;
    this.sql('UPDATE bridge_clients SET last_seen_at = ? WHERE id = ?').run(new Date(record.lastSeenAt).toISOString(), record.id);
    record.persistedSeenAt = record.lastSeenAt;
  }
}
