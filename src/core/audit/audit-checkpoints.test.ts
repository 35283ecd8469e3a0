import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openTempApp, tempDir } from '../../../test/support/temp-app';
import { AuditLog } from './audit-log';

const PASSWORD = 'checkpoint password 1';
// Each init, unlock and password change is an Argon2id derivation at 64 MiB: room for a loaded 2-core machine.
jest.setTimeout(60_000);

/** The trail as an attacker with write access to the database file sees it: triggers dropped at will. */
function tamper(home: string, run: (db: Database.Database) => void): void {
  const db = new Database(join(home, 'aura.db'));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_no_update;');
    run(db);
  } finally {
    db.close();
  }
}

function appendSome(app: ReturnType<typeof openTempApp>, n: number): void {
  for (let i = 0; i < n; i++) app.audit.append({ actor: 'test', action: 'test.event', target: `item-${i}`, detail: { i } });
}

/** An app whose vault is unlocked, with a checkpoint of `entries` entries and more. */
async function checkpointed(entries = 20) {
  const home = tempDir('aura-checkpoint-');
  const app = openTempApp(home);
  await app.vault.init(PASSWORD, 'test');
  appendSome(app, entries);
  expect(app.auditCheckpoints.take(false)).toBe(true);
  return { home, app };
}

const verify = (app: ReturnType<typeof openTempApp>) => app.auditCheckpoints.verify(app.audit.verify());

describe('audit checkpoints', () => {
  it('say plainly that nothing could be checked without a vault', async () => {
    const app = openTempApp();
    appendSome(app, 3);
    expect(verify(app)).toMatchObject({ ok: true, count: 3, checkpoint: { state: 'none', count: null } });
    await app.dispose();
  });

  it('verify an intact trail, and name what no checkpoint covers yet', async () => {
    const { app } = await checkpointed();
    const count = app.audit.count();
    expect(verify(app)).toMatchObject({ ok: true, count, checkpoint: { state: 'verified', count, uncovered: 0 } });
    appendSome(app, 2);
    expect(verify(app)).toMatchObject({ ok: true, checkpoint: { state: 'verified', uncovered: 2 } });
    await app.dispose();
  });

  it('detect the newest entries deleted (truncation)', async () => {
    const { app, home } = await checkpointed();
    const count = app.audit.count();
    tamper(home, (db) => db.prepare('DELETE FROM audit WHERE seq > ?').run(count - 3));
    const verdict = verify(app);
    expect(verdict).toMatchObject({ ok: false, firstBad: { seq: count - 2 }, checkpoint: { state: 'failed' } });
    expect(verdict.firstBad?.reason).toMatch(/newest entries were deleted/);
    await app.dispose();
  });

  it('detect the whole trail deleted, and the whole database deleted', async () => {
    const { app, home } = await checkpointed();
    tamper(home, (db) => db.exec('DELETE FROM audit'));
    expect(verify(app)).toMatchObject({ ok: false, count: 0, firstBad: { seq: 1 } });
    expect(verify(app).firstBad?.reason).toMatch(/trail is empty .* deleted/);
    await app.close();

    // The database gone altogether: the vault and the checkpoint, kept outside it, still tell.
    for (const name of ['aura.db', 'aura.db-wal', 'aura.db-shm']) rmSync(join(home, name), { force: true });
    const fresh = openTempApp(home);
    await fresh.vault.unlock(PASSWORD, 'test');
    expect(verify(fresh)).toMatchObject({ ok: false, checkpoint: { state: 'failed' } });
    // Even locked, the (unauthenticated) count says the trail is shorter than it was.
    fresh.vault.lock('test');
    expect(verify(fresh)).toMatchObject({ ok: false, checkpoint: { state: 'unchecked' } });
    await fresh.dispose();
  });

  it('detect an entry appended from outside with a correctly computed hash, while running and after a clean shutdown', async () => {
    const { app, home } = await checkpointed();
    tamper(home, (db) => new AuditLog(db).append({ actor: 'ui', action: 'settings.set', target: 'forged' }));
    const forgedSeq = app.audit.count();
    expect(app.audit.verify().ok).toBe(true); // the chain alone cannot see it
    expect(verify(app)).toMatchObject({ ok: false, firstBad: { seq: forgedSeq } });
    expect(verify(app).firstBad?.reason).toMatch(/not written by this Aura host/);
    // Nor does a later checkpoint cover it.
    expect(app.auditCheckpoints.take(false)).toBe(false);
    await app.dispose();

    const second = await checkpointed();
    await second.app.close(); // a clean shutdown, unlocked: the checkpoint is closed
    tamper(second.home, (db) => new AuditLog(db).append({ actor: 'ui', action: 'settings.set', target: 'forged offline' }));
    const reopened = openTempApp(second.home);
    await reopened.vault.unlock(PASSWORD, 'test');
    const verdict = verify(reopened);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBad?.reason).toMatch(/after Aura closed the trail/);
    await reopened.dispose();
  });

  it('detect a rewritten trail whose chain was rehashed throughout', async () => {
    const { app, home } = await checkpointed();
    const count = app.audit.count();
    tamper(home, (db) => {
      db.exec('DELETE FROM audit');
      const log = new AuditLog(db);
      for (let i = 0; i < count; i++) log.append({ actor: 'test', action: 'test.event', target: i === 5 ? 'rewritten' : `item-${i}` });
    });
    expect(app.audit.verify()).toMatchObject({ ok: true, count }); // a valid chain of the same length
    expect(verify(app)).toMatchObject({ ok: false, firstBad: { seq: count } });
    expect(verify(app).firstBad?.reason).toMatch(/rewritten/);
    await app.dispose();
  });

  it('do not take entries appended while locked, by Aura itself, for forgeries', async () => {
    const { app, home } = await checkpointed();
    await app.close(); // closed checkpoint
    const locked = openTempApp(home);
    appendSome(locked, 5); // used without unlocking the vault
    expect(verify(locked)).toMatchObject({ ok: true, checkpoint: { state: 'unchecked' } });
    expect(verify(locked).checkpoint?.message).toMatch(/vault is locked/);
    await locked.close();
    const later = openTempApp(home);
    await later.vault.unlock(PASSWORD, 'test');
    expect(verify(later)).toMatchObject({ ok: true, checkpoint: { state: 'verified', uncovered: 0 } });
    await later.dispose();
  });

  it('take a checkpoint every 50 entries while unlocked', async () => {
    const { app } = await checkpointed(0);
    const before = verify(app).checkpoint?.count ?? 0;
    appendSome(app, 60);
    await new Promise((resolve) => setImmediate(resolve));
    const after = verify(app).checkpoint;
    expect(after?.count).toBeGreaterThanOrEqual(before + 50);
    expect(after?.uncovered).toBeLessThan(50);
    await app.dispose();
  });
});
