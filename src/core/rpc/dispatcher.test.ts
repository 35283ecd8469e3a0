import { OWNER_UI } from '../../shared/auth';
import fc from 'fast-check';
import { fuzzBudget } from '../../../test/support/fuzz-budget';
import { openTempApp } from '../../../test/support/temp-app';
import { procedureNames } from '../../shared/contract';
import { RpcResult } from '../../shared/wire';
import { silentLogger } from '../logging/logger';
import { createDispatcher, type Handlers } from './dispatcher';

describe('dispatcher', () => {
  const app = openTempApp();
  afterAll(() => app.dispose());

  it('answers unknown procedures and bad input with typed errors', async () => {
    expect(await app.dispatch('nope', {}, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(await app.dispatch('__proto__', {}, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(await app.dispatch('settings.set', { key: 'theme', value: 7 }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await app.dispatch('audit.list', { page: 1, extra: true }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a bare folder path for a task started from the window', async () => {
    expect(await app.dispatch('tasks.create', { goal: 'x', workspacePath: '/' }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.dispatch('tasks.create', { goal: 'x', workspacePath: '/' }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(app.tasks.list({ page: 1, pageSize: 10 }).total).toBe(0);
  });

  it('hides internal failures and catches output that breaks the contract', async () => {
    const handlers = { 'app.info': () => ({ name: 1 }), 'settings.getAll': () => { throw new Error('secret internals'); } } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, silentLogger);
    expect(await dispatch('app.info', {}, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'INVALID_OUTPUT' } });
    const internal = await dispatch('settings.getAll', {}, OWNER_UI);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret internals');
  });

  it('survives 10k fuzzed calls per handler: never throws, always a valid reply, nothing written', async () => {
    const before = app.audit.count();
    const settings = app.settings.getAll();
    for (const method of [...procedureNames, 'nope']) {
      await fc.assert(
        fc.asyncProperty(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), async (input) => {
          // Input that happens to be valid is fine; writes are checked below and must come only from it.
          const reply = await app.dispatch(method, input, OWNER_UI);
          expect(RpcResult.safeParse(reply).success).toBe(true);
        }),
        // Procedures that do real work on any valid input (probe the network, check the database) get fewer runs.
        fuzzBudget(['diagnostics.get', 'audit.verify', 'providers.detect', 'tools.list'].includes(method) ? 300 : 10_000, 3),
      );
    }
    expect(app.audit.count()).toBe(before);
    expect(app.settings.getAll()).toEqual(settings);
  }, 120_000);
});
