import { OWNER_CLI } from '../../src/shared/auth';
import { openTempApp } from '../support/temp-app';

/**
 * Vault figures: unlock (Argon2id at its defaults, m = 64 MiB, t = 3, p = 4: by design 0.3–2 s) and a secret
 * read after unlock, through the dispatcher as the CLI and the window call it.
 */
export async function vaultFigures(unlocks = 5, reads = 2000): Promise<{ unlockMs: number[]; readMs: number[] }> {
  const app = openTempApp();
  try {
    await app.vault.init('bench vault password', 'bench');
    app.vault.set('openai', 'sk-bench-0123456789abcdef0123456789', 'bench');
    const unlockMs: number[] = [];
    for (let i = 0; i < unlocks; i += 1) {
      app.vault.lock('bench');
      const started = performance.now();
      const reply = await app.dispatch('vault.unlock', { password: 'bench vault password' }, OWNER_CLI);
      unlockMs.push(performance.now() - started);
      if (!reply.ok) throw new Error(reply.error.message);
    }
    const readMs: number[] = [];
    for (let i = 0; i < reads; i += 1) {
      const started = performance.now();
      const reply = await app.dispatch('vault.get', { name: 'openai' }, OWNER_CLI);
      readMs.push(performance.now() - started);
      if (!reply.ok) throw new Error(reply.error.message);
    }
    return { unlockMs, readMs: readMs.slice(100) };
  } finally {
    await app.dispose();
  }
}
