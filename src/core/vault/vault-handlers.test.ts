import { OWNER_CLI, OWNER_UI } from '../../shared/auth';
import { openTempApp } from '../../../test/support/temp-app';

jest.setTimeout(60_000);

describe('vault procedures', () => {
  it('hand a secret value to the owner at a terminal only, unredacted there and redacted everywhere else', async () => {
    const app = openTempApp();
    try {
      expect(await app.dispatch('vault.init', { password: 'handler password 1' }, OWNER_CLI)).toMatchObject({ ok: true });
      expect(await app.dispatch('vault.set', { name: 'openai', value: 'sk-handler-canary-0123456789' }, OWNER_CLI)).toMatchObject({ ok: true });
      expect(await app.dispatch('vault.get', { name: 'openai' }, OWNER_CLI)).toEqual({ ok: true, result: { name: 'openai', value: 'sk-handler-canary-0123456789' } });
      expect(await app.dispatch('vault.get', { name: 'openai' }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await app.dispatch('vault.list', {}, OWNER_UI)).toMatchObject({ ok: true, result: [{ name: 'openai' }] });
      // Any other reply that repeats the value has it masked.
      await app.dispatch('workspaces.add', { name: 'sk-handler-canary-0123456789', path: app.home }, OWNER_CLI);
      const listed = await app.dispatch('workspaces.list', {}, OWNER_CLI);
      expect(JSON.stringify(listed)).not.toContain('sk-handler-canary-0123456789');
      expect(JSON.stringify(listed)).toContain('[secret redacted]');
    } finally {
      await app.dispose();
    }
  });
});
