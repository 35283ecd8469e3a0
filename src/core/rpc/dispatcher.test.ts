import { OWNER_CLI, OWNER_UI, Scope, type Principal } from '../../shared/auth';
import { actorOf } from '../auth/access';
import fc from 'fast-check';
import { fuzzBudget } from '../../../test/support/fuzz-budget';
import { openTempApp } from '../../../test/support/temp-app';
import { procedureNames, procedures } from '../../shared/contract';
import { RpcResult } from '../../shared/wire';
import { silentLogger } from '../logging/logger';
import { createDispatcher, type Handlers } from './dispatcher';

const SLOW = new Set(['diagnostics.get', 'audit.verify', 'providers.detect', 'tools.list', 'readiness.get', 'vm.status']);

describe('dispatcher', () => {
  const app = openTempApp();
  afterAll(() => app.dispose());

  it('answers unknown procedures and bad input with typed errors', async () => {
    expect(await app.dispatch('nope', {}, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(await app.dispatch('__proto__', {}, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(await app.dispatch('settings.set', { key: 'theme', value: 7 }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await app.dispatch('audit.list', { page: 1, extra: true }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a bare folder path for a task started from the window or a paired client', async () => {
    expect(await app.dispatch('tasks.create', { goal: 'x', workspacePath: '/' }, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const client: Principal = { kind: 'client', clientId: 'c1', name: 'script', scopes: ['tasks:write'] };
    expect(await app.dispatch('tasks.create', { goal: 'x', workspacePath: '/' }, client)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(app.tasks.list({ page: 1, pageSize: 10 }).total).toBe(0);
  });

  it('checks every procedure against the caller: the owner may call all, a client only what its scopes allow', async () => {
    for (const scopes of [[], ['tasks:read'], ['tasks:write', 'approvals'], [...Scope.options]] as Scope[][]) {
      const client: Principal = { kind: 'client', clientId: 'c1', name: 'script', scopes };
      for (const method of procedureNames) {
        const { access } = procedures[method];
        const allowed = access === 'any' || (access !== 'owner' && scopes.includes(access));
        const reply = await app.dispatch(method, {}, client);
        // Input is not looked at before access is decided: a refusal is FORBIDDEN whatever was sent.
        if (!allowed) expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        else expect(reply).not.toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('may not call') } });
      }
    }
  });

  it('records the caller as the actor: ui, cli or client:<name>', async () => {
    await app.dispatch('settings.set', { key: 'theme', value: 'dark' }, OWNER_CLI);
    expect(app.audit.list({ page: 1, pageSize: 1 }).entries[0]).toMatchObject({ actor: 'cli', action: 'settings.set' });
    expect(actorOf({ kind: 'client', clientId: 'c1', name: 'Chrome extension', scopes: [] })).toBe('client:Chrome extension');
    expect(actorOf(OWNER_UI)).toBe('ui');
  });

  it('hides internal failures and catches output that breaks the contract', async () => {
    const handlers = { 'app.info': () => ({ name: 1 }), 'settings.getAll': () => { throw new Error('secret internals'); } } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, silentLogger);
    expect(await dispatch('app.info', {}, OWNER_UI)).toMatchObject({ ok: false, error: { code: 'INVALID_OUTPUT' } });
    const internal = await dispatch('settings.getAll', {}, OWNER_UI);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret internals');
  });

  it('survives up to 10k fuzzed calls per handler: never throws, always a valid reply, nothing written', async () => {
    const before = app.audit.count();
    const settings = app.settings.getAll();
    const methods = [...procedureNames, 'nope'];
    // One time budget for the whole contract, shared by its procedures, so a growing contract cannot outgrow
    // it; at least a second each, so a slow first call on a loaded machine still leaves room for runs.
    const seconds = Math.max(1, 45 / methods.length);
    for (const method of methods) {
      await fc.assert(
        fc.asyncProperty(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), async (input) => {
          // Input that happens to be valid is fine; writes are checked below and must come only from it.
          const reply = await app.dispatch(method, input, OWNER_UI);
          expect(RpcResult.safeParse(reply).success).toBe(true);
        }),
        // Procedures that do real work on any valid input (probe the network, check the database, start the VM
        // worker and probe its sandbox: near a second on its own) get fewer runs and more time.
        SLOW.has(method) ? fuzzBudget(300, 5) : fuzzBudget(10_000, seconds),
      );
    }
    expect(app.audit.count()).toBe(before);
    expect(app.settings.getAll()).toEqual(settings);
  }, 240_000);
});
