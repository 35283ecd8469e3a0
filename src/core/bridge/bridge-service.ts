import type { Principal, Scope } from '../../shared/auth';
import { TOKEN_IDLE_EXPIRY_MS, type BridgeClient, type BridgeStatus, type PairPollReply, type PairRequestReply, type PendingPairing } from '../../shared/bridge';
import { AuraError } from '../../shared/errors';
import type { AuditLog, AuditRecord } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import { registerSecret } from '../secrets/secret-values';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../store/database';
import { bearerToken, digest, newPollSecret, newToken, sameDigest } from './bridge-secrets';
import { ClientStore, type ClientRecord } from './client-store';
import { MAX_PENDING, PairingBook, type Pairing } from './pairing-book';

/** Runs a task once the reply that hands a secret out has been built (see `CallContext.afterReply`). */
export type AfterReply = (task: () => void) => void;

export type Authentication = { ok: true; client: ClientRecord; principal: Principal } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

export interface BridgeServiceDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  settings: SettingsService;
  /** Test seam: the clock pairing expiry and idle expiry read. */
  now?: () => number;
  idleExpiryMs?: number;
}

const NAME_MAX = 60;

/**
 * The bridge's state: paired clients and their tokens, pairing requests, and what the bridge server
 * reports of itself. Every change is audited and announced as `bridge.changed` (the Extensions page
 * listens). SECURITY: a token or poll secret leaves this service once, in the reply that hands it out;
 * right after that reply is built it is registered for redaction by value, so no later log line, event,
 * audit entry or reply can carry it. A token presented after a restart is registered on first use.
 */
export class BridgeService {
  private readonly clients: ClientStore;
  private readonly pairings: PairingBook;
  private readonly now: () => number;
  private readonly idleExpiryMs: number;
  private listening: { port: number; url: string } | null = null;
  private readonly revokedListeners = new Set<(clientId: string) => void>();
  /** Clients whose token value is registered for redaction in this process. */
  private readonly registered = new Set<string>();

  constructor(private readonly deps: BridgeServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.idleExpiryMs = deps.idleExpiryMs ?? TOKEN_IDLE_EXPIRY_MS;
    this.clients = new ClientStore(deps.db, this.now);
    this.pairings = new PairingBook(this.now);
  }

  /** Set by the bridge server as it starts listening and as it stops. */
  setListening(state: { port: number; url: string } | null): void {
    this.listening = state;
  }

  status(): BridgeStatus {
    const settings = this.deps.settings.getAll();
    return { enabled: settings.bridgeEnabled, port: this.listening?.port ?? settings.bridgePort, url: this.listening?.url ?? null };
  }

  listClients(): BridgeClient[] {
    this.sweep();
    return this.clients.live().map((record) => this.toClient(record));
  }

  listPairings(): PendingPairing[] {
    this.sweep();
    return this.pairings.pending().map((pairing) => this.pairings.toPending(pairing));
  }

  /** A token for a script (`aura bridge token create`); the reply carries it, nothing else ever will. */
  createToken(name: string, scopes: readonly Scope[], actor: string, afterReply: AfterReply): { token: string; client: BridgeClient } {
    this.sweep();
    if (this.clients.byName(name)) throw new AuraError('CONFLICT', `A client named "${name}" already exists.`, `Choose another name, or revoke it first: aura bridge token revoke "${name}".`);
    const token = newToken();
    const record = this.write(() => this.clients.insert({ name, kind: 'token', origin: null, scopes, tokenDigest: digest(token) }), (client) => ({ actor, action: 'bridge.token.create', target: client.name, detail: { clientId: client.id, scopes: [...scopes] } }));
    afterReply(() => this.registerToken(record, token));
    return { token, client: this.toClient(record) };
  }

  /** Takes effect on the client's next request; its open event streams close now. */
  revoke(name: string, actor: string): boolean {
    this.sweep();
    const record = this.clients.byName(name);
    if (!record) return false;
    this.revokeRecord(record, actor, 'revoked');
    return true;
  }

  /** POST /v1/pair: a client asks; the user sees its name, scopes and code in the app. */
  requestPairing(request: { name: string; scopes: readonly Scope[]; origin: string | null }, afterReply: AfterReply): PairRequestReply {
    this.sweep();
    if (this.pairings.pending().length >= MAX_PENDING) throw new AuraError('RATE_LIMITED', 'Too many pairing requests are waiting.', 'Answer or let the waiting ones expire (5 minutes), then ask again.');
    const pollSecret = newPollSecret();
    const pairing = this.pairings.add({ ...request, secretDigest: digest(pollSecret) });
    this.announce(this.deps.audit.append({ actor: 'bridge', action: 'bridge.pair.request', target: pairing.name, detail: { requestId: pairing.requestId, code: pairing.code, origin: pairing.origin, scopes: [...pairing.scopes] } }));
    afterReply(() => registerSecret(pollSecret));
    return { requestId: pairing.requestId, code: pairing.code, pollSecret, expiresAt: new Date(pairing.expiresAt).toISOString() };
  }

  /** GET /v1/pair/:requestId: the status; the token once, on the first poll after approval. */
  pollPairing(requestId: string, secret: string | undefined, origin: string | null, afterReply: AfterReply): PairPollReply {
    this.sweep();
    const pairing = this.pairings.get(requestId);
    if (!pairing) throw new AuraError('NOT_FOUND', 'There is no such pairing request (it may have expired).', 'Ask to pair again.');
    if (!secret || secret.length > 100 || !sameDigest(digest(secret), pairing.secretDigest)) throw new AuraError('UNAUTHORIZED', 'The pairing secret does not match.', 'Send the pollSecret the pairing request returned, as X-Pair-Secret.');
    if (origin !== null && origin !== pairing.origin) throw new AuraError('FORBIDDEN', 'This pairing request was made from another origin.');
    if (pairing.status !== 'approved') return { status: pairing.status };
    const token = this.pairings.collect(pairing);
    const client = pairing.clientId ? this.clients.live().find((record) => record.id === pairing.clientId) : undefined;
    if (token === null || !client) return { status: 'approved', scopes: [...pairing.scopes] };
    this.announce(this.deps.audit.append({ actor: `client:${client.name}`, action: 'bridge.pair.collect', target: client.name, detail: { clientId: client.id, requestId } }));
    afterReply(() => this.registerToken(client, token));
    return { status: 'approved', token, scopes: [...pairing.scopes] };
  }

  /** The user approves a request by its code, with the scopes it asked for or fewer. */
  approve(code: string, scopes: readonly Scope[] | undefined, actor: string): BridgeClient {
    this.sweep();
    const pairing = this.pairings.pendingByCode(code);
    if (!pairing) throw new AuraError('NOT_FOUND', `No pairing request is waiting with the code ${code}.`, 'Check the code the client shows; requests expire after 5 minutes.');
    const granted = scopes ?? pairing.scopes;
    const extra = granted.filter((scope) => !pairing.scopes.includes(scope));
    if (extra.length) throw new AuraError('BAD_REQUEST', `The client did not ask for ${extra.join(', ')}.`, `Approve it with some of the scopes it asked for: ${pairing.scopes.join(', ')}.`);
    const token = newToken();
    const record = this.write(
      () => this.clients.insert({ name: this.freeName(pairing.name), kind: 'extension', origin: pairing.origin, scopes: granted, tokenDigest: digest(token) }),
      (client) => ({ actor, action: 'bridge.pair.approve', target: client.name, detail: { clientId: client.id, requestId: pairing.requestId, origin: pairing.origin, scopes: [...granted] } }),
      (client) => this.pairings.approve(pairing, token, client.id, granted),
    );
    return this.toClient(record);
  }

  deny(code: string, actor: string): boolean {
    this.sweep();
    const pairing = this.pairings.pendingByCode(code);
    if (!pairing) return false;
    this.pairings.settle(pairing, 'denied');
    this.announce(this.deps.audit.append({ actor, action: 'bridge.pair.deny', target: pairing.name, detail: { requestId: pairing.requestId } }));
    return true;
  }

  /** Checks `Authorization: Bearer aura_…`: one hash, one map lookup, a constant-time compare. */
  authenticate(header: string | undefined): Authentication {
    if (header === undefined) return { ok: false, reason: 'missing' };
    const token = bearerToken(header);
    if (token === null) return { ok: false, reason: 'unknown' };
    const candidate = digest(token);
    const record = this.clients.byTokenDigest(candidate.toString('hex'));
    if (!record || !sameDigest(candidate, record.tokenDigest)) return { ok: false, reason: 'unknown' };
    if (this.now() >= this.expiresAt(record)) {
      this.revokeRecord(record, 'system', 'unused too long');
      return { ok: false, reason: 'expired' };
    }
    this.clients.touch(record);
    if (!this.registered.has(record.id)) this.registerToken(record, token);
    return { ok: true, client: record, principal: { kind: 'client', clientId: record.id, name: record.name, scopes: record.scopes } };
  }

  /** Audits a data-changing REST call a client made, whatever its outcome. */
  recordCall(client: ClientRecord, procedure: string, detail: Record<string, unknown>): void {
    this.announce(this.deps.audit.append({ actor: `client:${client.name}`, action: 'bridge.call', target: procedure, detail }), false);
  }

  /** Whether the client is still live (not revoked, not expired): event streams check it as they go. */
  isLive(clientId: string): boolean {
    const record = this.clients.live().find((client) => client.id === clientId);
    return record !== undefined && this.now() < this.expiresAt(record);
  }

  onRevoked(listener: (clientId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** Writes what is only in memory (last-seen times). */
  close(): void {
    this.clients.flush();
  }

  private registerToken(record: ClientRecord, token: string): void {
    registerSecret(token);
    this.registered.add(record.id);
  }

  private expiresAt(record: ClientRecord): number {
    return (record.lastSeenAt ?? record.createdAt) + this.idleExpiryMs;
  }

  /** Inserts a client and its audit entry in one transaction; the cache, `committed` and the events follow the commit. */
  private write(insert: () => ClientRecord, audit: (record: ClientRecord) => AuditRecord, committed?: (record: ClientRecord) => void): ClientRecord {
    const { record, entry } = this.deps.db.transaction(() => {
      const inserted = insert();
      return { record: inserted, entry: this.deps.audit.appendInTransaction(audit(inserted)) };
    }).immediate();
    this.clients.commitInsert(record);
    committed?.(record);
    this.announce(entry);
    return record;
  }

  private revokeRecord(record: ClientRecord, actor: string, reason: string): void {
    const entry = this.deps.db
      .transaction(() => {
        this.clients.revoke(record);
        return this.deps.audit.appendInTransaction({ actor, action: 'bridge.client.revoke', target: record.name, detail: { clientId: record.id, reason } });
      })
      .immediate();
    this.clients.forget(record);
    this.announce(entry);
    for (const listener of this.revokedListeners) listener(record.id);
  }

  private announce(entry: ReturnType<AuditLog['append']>, changed = true): void {
    this.deps.events.emit('audit.appended', entry);
    if (changed) this.deps.events.emit('bridge.changed', {});
  }

  /** Lapses pending requests, withdraws tokens nobody collected, and revokes clients unused too long. */
  private sweep(): void {
    const { expired, uncollected } = this.pairings.sweep();
    for (const pairing of uncollected) this.withdraw(pairing);
    for (const record of this.clients.live()) if (this.now() >= this.expiresAt(record)) this.revokeRecord(record, 'system', 'unused too long');
    if (expired.length) this.deps.events.emit('bridge.changed', {});
  }

  private withdraw(pairing: Pairing): void {
    const record = this.clients.live().find((client) => client.id === pairing.clientId);
    if (record) this.revokeRecord(record, 'system', 'token never collected');
  }

  /** A paired client's name, made unique among live clients: `Chrome extension (2)`. */
  private freeName(name: string): string {
    if (!this.clients.byName(name)) return name;
    for (let n = 2; ; n += 1) {
      const suffix = ` (${n})`;
      const candidate = `${name.slice(0, NAME_MAX - suffix.length)}${suffix}`;
      if (!this.clients.byName(candidate)) return candidate;
    }
  }

  private toClient(record: ClientRecord): BridgeClient {
    return {
      id: record.id,
      name: record.name,
      kind: record.kind,
      origin: record.origin,
      scopes: [...record.scopes],
      createdAt: new Date(record.createdAt).toISOString(),
      lastSeenAt: record.lastSeenAt === null ? null : new Date(record.lastSeenAt).toISOString(),
      expiresAt: new Date(this.expiresAt(record)).toISOString(),
    };
  }
}
