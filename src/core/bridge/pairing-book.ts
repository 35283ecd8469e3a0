import { randomUUID } from 'node:crypto';
import type { Scope } from '../../shared/auth';
import { PAIRING_TTL_MS, type PairingStatus, type PendingPairing } from '../../shared/bridge';
import { newPairingCode, normalizeCode } from './bridge-secrets';

/** One pairing request, from the client's ask to the token's collection. Held in memory only. */
export interface Pairing {
  requestId: string;
  name: string;
  code: string;
  origin: string | null;
  scopes: readonly Scope[];
  secretDigest: Buffer;
  status: PairingStatus;
  /** Pending: when the request lapses; approved: when an uncollected token is withdrawn. */
  expiresAt: number;
  /** The plaintext token between approval and the first poll; dropped as it is handed out. */
  token: string | null;
  clientId: string | null;
  collected: boolean;
  /** When it was answered or lapsed; settled requests are forgotten a while later. */
  settledAt: number | null;
}

/** How long a settled request still answers polls with its final status. */
const KEEP_SETTLED_MS = 10 * 60_000;
/** Requests waiting at once: a flood of them cannot bury the real one in the app's list. */
export const MAX_PENDING = 20;

/**
 * Pairing requests (docs/BRIDGE.md). In memory: a request lives for minutes and this host is the only one
 * that can approve it; a restart simply asks the client to pair again.
 */
export class PairingBook {
  private readonly byId = new Map<string, Pairing>();

  constructor(private readonly now: () => number) {}

  add(request: { name: string; origin: string | null; scopes: readonly Scope[]; secretDigest: Buffer }): Pairing {
    const taken = new Set([...this.byId.values()].map((pairing) => pairing.code));
    let code = newPairingCode();
    while (taken.has(code)) code = newPairingCode();
    const pairing: Pairing = { ...request, requestId: randomUUID(), code, status: 'pending', expiresAt: this.now() + PAIRING_TTL_MS, token: null, clientId: null, collected: false, settledAt: null };
    this.byId.set(pairing.requestId, pairing);
    return pairing;
  }

  get(requestId: string): Pairing | undefined {
    return this.byId.get(requestId);
  }

  /** The pending request with this code (`K7M-4QX`, `k7m4qx` …). */
  pendingByCode(code: string): Pairing | undefined {
    const wanted = normalizeCode(code);
    return [...this.byId.values()].find((pairing) => pairing.status === 'pending' && pairing.code === wanted);
  }

  pending(): Pairing[] {
    return [...this.byId.values()].filter((pairing) => pairing.status === 'pending');
  }

  /**
   * Lapses what is due: pending requests expire; approved tokens nobody collected are withdrawn (returned,
   * so their clients are revoked). Settled requests are forgotten after a while.
   */
  sweep(): { expired: Pairing[]; uncollected: Pairing[] } {
    const at = this.now();
    const expired: Pairing[] = [];
    const uncollected: Pairing[] = [];
    for (const pairing of this.byId.values()) {
      if (pairing.settledAt !== null && at - pairing.settledAt > KEEP_SETTLED_MS) {
        this.byId.delete(pairing.requestId);
      } else if (pairing.status === 'pending' && at >= pairing.expiresAt) {
        this.settle(pairing, 'expired');
        expired.push(pairing);
      } else if (pairing.status === 'approved' && !pairing.collected && at >= pairing.expiresAt) {
        pairing.token = null;
        this.settle(pairing, 'expired');
        uncollected.push(pairing);
      }
    }
    return { expired, uncollected };
  }

  settle(pairing: Pairing, status: PairingStatus): void {
    pairing.status = status;
    pairing.settledAt = this.now();
  }

  /** Approved: the token waits to be collected for as long again as a request waits. */
  approve(pairing: Pairing, token: string, clientId: string, scopes: readonly Scope[]): void {
    pairing.status = 'approved';
    pairing.token = token;
    pairing.clientId = clientId;
    pairing.scopes = scopes;
    pairing.expiresAt = this.now() + PAIRING_TTL_MS;
  }

  /** Hands the token out once: it is dropped from memory as it goes. */
  collect(pairing: Pairing): string | null {
    const token = pairing.token;
    pairing.token = null;
    if (token !== null) {
      pairing.collected = true;
      pairing.settledAt = this.now();
    }
    return token;
  }

  toPending(pairing: Pairing): PendingPairing {
    return { requestId: pairing.requestId, name: pairing.name, code: pairing.code, origin: pairing.origin, scopes: [...pairing.scopes], expiresAt: new Date(pairing.expiresAt).toISOString() };
  }
}
