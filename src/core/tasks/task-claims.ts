import { randomUUID } from 'node:crypto';
import { AuraError } from '../../shared/errors';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';

export interface ClaimTiming {
  /** How often a runner renews its claims (and looks for cancels asked from elsewhere). */
  renewMs: number;
  /** A claim not renewed for this long belongs to a process that is gone. */
  staleMs: number;
}

export const DEFAULT_CLAIM_TIMING: ClaimTiming = { renewMs: 2_000, staleMs: 15_000 };

export const heldElsewhere = () =>
  new AuraError('CONFLICT', 'This task is running in another Aura Work process.', 'Wait for it to finish, or stop it where it runs (Ctrl-C in that terminal) or with Cancel in the window.');

/**
 * Which process runs which task. Several processes share one database (a window and `aura run`), so a
 * task is claimed before it runs and the claim is renewed while it does: no second runner starts on it,
 * and start-up recovery only touches tasks whose runner stopped renewing.
 */
export class TaskClaims {
  /** Unique per process and engine: a pid alone could be reused after a crash. */
  readonly runner = `${process.pid}:${randomUUID()}`;
  /** Prepared once: `holds` runs before every write of a running task, `renew` every renewal. */
  private readonly sql: Record<'claim' | 'renew' | 'asked' | 'release' | 'runnerOf' | 'holder' | 'requestCancel', Statement>;

  constructor(
    private readonly db: Db,
    readonly timing: ClaimTiming = DEFAULT_CLAIM_TIMING,
  ) {
    this.sql = {
      claim: db.prepare('UPDATE tasks SET runner = ?, runner_seen_at = ?, cancel_requested = 0 WHERE id = ? AND (runner IS NULL OR runner = ? OR runner_seen_at < ?)'),
      renew: db.prepare('UPDATE tasks SET runner_seen_at = ? WHERE id = ? AND runner = ?'),
      asked: db.prepare('SELECT cancel_requested FROM tasks WHERE id = ?').pluck(),
      release: db.prepare('UPDATE tasks SET runner = NULL, cancel_requested = 0 WHERE id = ? AND runner = ?'),
      runnerOf: db.prepare('SELECT runner FROM tasks WHERE id = ?').pluck(),
      holder: db.prepare('SELECT runner, runner_seen_at AS seen FROM tasks WHERE id = ?'),
      requestCancel: db.prepare('UPDATE tasks SET cancel_requested = 1 WHERE id = ?'),
    };
  }

  /** Claims a task for this runner; refused while another live runner holds it. */
  claim(taskId: string): void {
    const now = Date.now();
    if (this.sql.claim.run(this.runner, now, taskId, this.runner, now - this.timing.staleMs).changes !== 1) throw heldElsewhere();
  }

  /**
   * Renews the claims on the tasks this runner is running. Returns those whose claim another process
   * took over (this runner was presumed gone: it must stop without writing) and those another process
   * asked to cancel.
   */
  renew(taskIds: readonly string[]): { lost: string[]; cancelled: string[] } {
    return this.db
      .transaction(() => {
        const now = Date.now();
        const lost: string[] = [];
        const cancelled: string[] = [];
        for (const id of taskIds) {
          if (this.sql.renew.run(now, id, this.runner).changes !== 1) lost.push(id);
          else if (this.sql.asked.get(id) === 1) cancelled.push(id);
        }
        return { lost, cancelled };
      })
      .immediate();
  }

  /** Gives the task up, if this runner still holds it. */
  release(taskId: string): void {
    this.sql.release.run(taskId, this.runner);
  }

  /** Whether this runner holds the task; inside a write's transaction, that holds until it commits. */
  holds(taskId: string): boolean {
    return this.sql.runnerOf.get(taskId) === this.runner;
  }

  /** Whether a live runner other than this one holds the task. */
  heldElsewhere(taskId: string): boolean {
    const row = this.sql.holder.get(taskId) as { runner: string | null; seen: number | null } | undefined;
    return Boolean(row?.runner && row.runner !== this.runner && (row.seen ?? 0) >= Date.now() - this.timing.staleMs);
  }

  /** Whether a cancel was asked of the task's runner and not yet carried out. */
  cancelRequested(taskId: string): boolean {
    return this.sql.asked.get(taskId) === 1;
  }

  /** Asks the runner that holds the task to cancel it. */
  requestCancel(taskId: string): void {
    this.sql.requestCancel.run(taskId);
  }

  /** The time before which an unrenewed claim counts as abandoned. */
  staleBefore(): number {
    return Date.now() - this.timing.staleMs;
  }
}
