import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AuditVerdict } from '../../shared/contract';
import { writeFileAtomic } from '../files/atomic-file';
import type { Logger } from '../logging/logger';
import { equalBytes } from '../vault/vault-crypto';
import type { LockReason, Vault } from '../vault/vault';
import type { AuditLog } from './audit-log';

/**
 * SECURITY: audit checkpoints (SECURITY.md, Audit trail). The chain alone cannot see its newest entries cut off,
 * the whole trail deleted, or an entry appended with a correctly computed hash. So the trail's head (count and
 * hash) is authenticated with a key derived from the vault's data key and kept outside the database, in
 * `audit-checkpoint.json`. Checkpoints are taken while the vault is unlocked: every `every` entries, at unlock,
 * at lock and at a clean shutdown (then marked `closed`: nothing may follow until a host starts again). A
 * checkpoint never covers entries this process cannot vouch for: those it did not append itself.
 */

const DOMAIN = 'aura-audit-checkpoint-v1';

const CheckpointFile = z
  .object({
    format: z.literal('aura-audit-checkpoint'),
    version: z.literal(1),
    vaultId: z.string().max(64),
    count: z.number().int().nonnegative(),
    head: z.string().max(64).nullable(),
    closed: z.boolean(),
    takenAt: z.string().max(40),
    mac: z.string().regex(/^[0-9a-f]{64}$/),
    /** Set (unauthenticated) by the next host that found the trail exactly as closed. */
    reopenedAt: z.string().max(40).optional(),
  })
  .strict();
type Checkpoint = z.infer<typeof CheckpointFile>;
type Problem = { seq: number | null; reason: string };

export interface AuditCheckpointOptions {
  file: string;
  audit: AuditLog;
  vault: Vault;
  logger?: Logger;
  /** A checkpoint every this many entries (while unlocked). */
  every?: number;
}

export class AuditCheckpoints {
  private readonly every: number;
  /** Hashes of the entries this process appended since its last checkpoint. */
  private readonly ownAppends = new Set<string>();
  /** The trail's newest entry when this host started: anything after it (and the checkpoint) must be ours. */
  private readonly startSeq: number;
  private pending = false;

  constructor(private readonly options: AuditCheckpointOptions) {
    this.every = options.every ?? 50;
    const start = options.audit.head();
    this.startSeq = start?.seq ?? 0;
    const checkpoint = this.readOrNull();
    // The trail exactly as the last host closed it: say so, so entries this host appends while locked are not
    // later taken for ones appended while no host ran.
    if (checkpoint?.closed && !checkpoint.reopenedAt && checkpoint.count === this.startSeq && checkpoint.head === (start?.hash ?? null)) {
      this.write({ ...checkpoint, reopenedAt: new Date().toISOString() });
    }
    options.audit.onAppend((seq, hash) => {
      this.ownAppends.add(hash);
      if (this.pending || !options.vault.unlocked) return;
      const last = this.readOrNull()?.count ?? 0;
      if (seq - last < this.every) return;
      // After the append's transaction has committed.
      this.pending = true;
      setImmediate(() => {
        this.pending = false;
        this.take(false);
      });
    });
    options.vault.onUnlocked((created) => this.take(false, created));
    options.vault.onBeforeLock((reason: LockReason) => this.take(reason === 'shutdown'));
  }

  /** Takes a checkpoint of the trail's head; false when the vault is locked or the trail is not as it should be. */
  take(closing: boolean, first = false): boolean {
    try {
      return this.takeOrThrow(closing, first);
    } catch (err) {
      // A checkpoint that cannot be written must not stop a lock or an append; the next one tries again.
      this.options.logger?.warn('audit checkpoint not written', { error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  private takeOrThrow(closing: boolean, first: boolean): boolean {
    const { vault, audit } = this.options;
    if (!vault.unlocked || !vault.id) return false;
    // The vault's very first unlock (its init) starts the checkpoints: trust on first use.
    const problem = first && !existsSync(this.options.file) ? null : this.check(audit.head()?.seq ?? 0).problem;
    if (problem) {
      this.options.logger?.warn('audit checkpoint not taken: the trail is not as checkpointed', { reason: problem.reason });
      return false;
    }
    const head = audit.head();
    const base = { format: 'aura-audit-checkpoint' as const, version: 1 as const, vaultId: vault.id, count: head?.seq ?? 0, head: head?.hash ?? null, closed: closing, takenAt: new Date().toISOString() };
    const mac = vault.authenticate(message(base));
    if (!mac) return false;
    this.write({ ...base, mac: mac.toString('hex') });
    this.ownAppends.clear();
    return true;
  }

  /** The chain's verdict with what the checkpoint adds: never more than could be checked. */
  verify(chain: AuditVerdict): AuditVerdict {
    const { checkpoint, problem, state, message: text, uncovered } = this.check(chain.count);
    const firstBad = chain.firstBad ?? (problem ? { seq: problem.seq ?? chain.count + 1, reason: problem.reason } : null);
    return { ...chain, ok: chain.ok && !problem, firstBad, checkpoint: { state, count: checkpoint?.count ?? null, uncovered, message: text } };
  }

  private check(count: number): { checkpoint: Checkpoint | null; problem: Problem | null; state: 'verified' | 'failed' | 'unchecked' | 'none'; message: string; uncovered: number } {
    const { vault, audit } = this.options;
    let checkpoint: Checkpoint | null;
    try {
      checkpoint = this.read();
    } catch {
      return failed(null, { seq: null, reason: 'the audit checkpoint file is damaged' });
    }
    if (!checkpoint) {
      if (!vault.initialised) return { checkpoint, problem: null, state: 'none', uncovered: count, message: 'No checkpoint: the vault has not been created (aura vault init), so deleted newest entries, a deleted trail or a forged append cannot be detected.' };
      // The vault's init takes the first checkpoint: a vault without one lost it.
      if (vault.unlocked) return failed(null, { seq: null, reason: 'the audit checkpoint file is missing' });
      return { checkpoint, problem: null, state: 'unchecked', uncovered: count, message: 'No checkpoint was found and the vault is locked: unlock it to check the trail against a signed checkpoint.' };
    }
    if (!vault.unlocked || vault.id !== checkpoint.vaultId) {
      const why = !vault.initialised ? 'there is no vault to authenticate it' : vault.unlocked ? 'it belongs to another vault' : 'the vault is locked';
      if (vault.unlocked) return failed(checkpoint, { seq: null, reason: 'the audit checkpoint was made with another vault' });
      // Unauthenticated, but a trail shorter than its last checkpoint is still worth saying.
      if (count < checkpoint.count) return failed(checkpoint, { seq: count + 1, reason: `the trail has ${count} entries but its last checkpoint (not authenticated: ${why}) counted ${checkpoint.count}` }, 'unchecked');
      return { checkpoint, problem: null, state: 'unchecked', uncovered: Math.max(0, count - checkpoint.count), message: `The checkpoint of ${checkpoint.count} entries could not be authenticated: ${why}. Unlock the vault to check it.` };
    }
    const { mac, reopenedAt: _reopened, ...base } = checkpoint;
    const expected = vault.authenticate(message(base));
    if (!expected || !equalBytes(expected, Buffer.from(mac, 'hex'))) return failed(checkpoint, { seq: null, reason: 'the audit checkpoint is not authentic: it was forged or altered' });
    if (count < checkpoint.count) return failed(checkpoint, { seq: count + 1, reason: count === 0 ? `the trail is empty but its checkpoint counted ${checkpoint.count} entries: it was deleted` : `entries ${count + 1} to ${checkpoint.count} are missing: the newest entries were deleted` });
    if (checkpoint.count > 0 && audit.hashAt(checkpoint.count) !== checkpoint.head) return failed(checkpoint, { seq: checkpoint.count, reason: 'it does not match the signed checkpoint: the trail was rewritten' });
    if (count > checkpoint.count && checkpoint.closed && !checkpoint.reopenedAt) return failed(checkpoint, { seq: checkpoint.count + 1, reason: 'it was appended after Aura closed the trail at a clean shutdown, while no Aura host was running' });
    for (const entry of audit.since(Math.max(checkpoint.count, this.startSeq), 100_000)) {
      if (!this.ownAppends.has(entry.hash)) return failed(checkpoint, { seq: entry.seq, reason: 'it was not written by this Aura host: an entry appended from outside' });
    }
    const uncovered = Math.max(0, count - checkpoint.count);
    return { checkpoint, problem: null, state: 'verified', uncovered, message: `The signed checkpoint of ${checkpoint.count} entries matches${uncovered ? `; the ${uncovered} newer entries are not covered by a checkpoint yet` : ''}.` };
  }

  private read(): Checkpoint | null {
    if (!existsSync(this.options.file)) return null;
    return CheckpointFile.parse(JSON.parse(readFileSync(this.options.file, 'utf8')));
  }

  private readOrNull(): Checkpoint | null {
    try {
      return this.read();
    } catch {
      return null;
    }
  }

  private write(checkpoint: Checkpoint): void {
    writeFileAtomic(this.options.file, `${JSON.stringify(checkpoint, null, 1)}\n`, 0o600);
  }
}

function failed(checkpoint: Checkpoint | null, problem: Problem, state: 'failed' | 'unchecked' = 'failed') {
  return { checkpoint, problem, state, uncovered: 0, message: `Checkpoint check failed: ${problem.reason}.` };
}

function message(base: { vaultId: string; count: number; head: string | null; closed: boolean; takenAt: string }): Buffer {
  return Buffer.from([DOMAIN, base.vaultId, String(base.count), base.head ?? '', base.closed ? 'closed' : 'open', base.takenAt].join('\0'));
}
