import { OWNER_UI } from '../../shared/auth';
import fc from 'fast-check';
import type { IpcMainInvokeEvent } from 'electron';
import { fuzzBudget, fuzzTestTimeoutMs } from '../../../test/support/fuzz-budget';
import { openTempApp } from '../../../test/support/temp-app';
import { silentLogger } from '../../core/logging/logger';
import { EventBus } from '../../core/events/event-bus';
import { procedureNames } from '../../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels';
import { RpcResult } from '../../shared/wire';
import { createCallHandler, setupIpc, type IpcCore, type IpcWindow } from './setup-ipc';

type CallHandler = ReturnType<typeof createCallHandler>;
type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

const frame = (url: string, topLevel = true): SenderEvent => ({ senderFrame: { url, parent: topLevel ? null : { url } } }) as unknown as SenderEvent;
const disposedFrame = (): SenderEvent =>
  ({
    get senderFrame(): never {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
  }) as unknown as SenderEvent;
const APP_FRAME = frame('app://aura/index.html');

const fakeCore = (dispatch: IpcCore['dispatch'] = jest.fn(async () => ({ ok: true, result: 'done' }) as const)) => ({
  dispatch: jest.fn(dispatch),
  events: new EventBus(),
  logger: { ...silentLogger, warn: jest.fn() },
});

const fakeIpcMain = () => {
  const handlers = new Map<string, CallHandler>();
  return {
    handlers,
    handle: jest.fn((channel: string, handler: CallHandler) => handlers.set(channel, handler)),
    removeHandler: jest.fn((channel: string) => handlers.delete(channel)),
  };
};

const fakeWindow = (url = 'app://aura/index.html') => {
  const state = { url, destroyed: false };
  const win = {
    state,
    isDestroyed: () => state.destroyed,
    webContents: { isDestroyed: () => state.destroyed, getURL: () => state.url, send: jest.fn() },
  };
  return win satisfies IpcWindow;
};

describe('the IPC call handler', () => {
  it('passes a call from the top-level app frame to dispatch, as the ui actor', async () => {
    const core = fakeCore();
    const reply = await createCallHandler(core)(APP_FRAME, 'settings.getAll', { a: 1 });
    expect(reply).toEqual({ ok: true, result: 'done' });
    expect(core.dispatch).toHaveBeenCalledWith('settings.getAll', { a: 1 }, OWNER_UI);
  });

  it.each([
    ['a subframe of the app origin', frame('app://aura/index.html', false)],
    ['a foreign origin', frame('https://evil.com/')],
    ['another app:// host', frame('app://evil/index.html')],
    ['a look-alike host', frame('app://aura.evil.com/index.html')],
    ['a port on the app host', frame('app://aura:1/index.html')],
    ['file://', frame('file:///opt/aura/dist/renderer/index.html')],
    ['about:blank', frame('about:blank')],
    ['a frame that is gone', { senderFrame: null } as SenderEvent],
    ['a disposed frame', disposedFrame()],
  ])('refuses %s with FORBIDDEN, before dispatch', async (_label, event) => {
    const core = fakeCore();
    const reply = await createCallHandler(core)(event, 'settings.getAll', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(RpcResult.parse(reply)).toEqual(reply);
    expect(core.dispatch).not.toHaveBeenCalled();
    expect(core.logger.warn).toHaveBeenCalledWith('ipc call refused', expect.any(Object));
  });

  it('answers INTERNAL, without internals, if dispatch ever throws', async () => {
    const core = fakeCore(async () => {
      throw new Error('secret stack');
    });
    const reply = await createCallHandler(core)(APP_FRAME, 'settings.getAll', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(reply)).not.toContain('secret stack');
  });
});

describe('setupIpc', () => {
  it('registers one handler on the call channel and removes it on dispose', async () => {
    const ipcMain = fakeIpcMain();
    const core = fakeCore();
    const dispose = setupIpc(ipcMain, core, () => null);
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CALL_CHANNEL]);
    await expect(ipcMain.handlers.get(IPC_CALL_CHANNEL)?.(APP_FRAME, 'app.info', {})).resolves.toEqual({ ok: true, result: 'done' });
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CALL_CHANNEL);
  });

  it('forwards service events to the app window, and stops after dispose', () => {
    const core = fakeCore();
    const win = fakeWindow();
    const dispose = setupIpc(fakeIpcMain(), core, () => win);
    core.events.emit('workspaces.changed', []);
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'workspaces.changed', []);
    dispose();
    core.events.emit('workspaces.changed', []);
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
  });

  it('sends nothing to a window that is gone or shows another page', () => {
    const core = fakeCore();
    const win = fakeWindow();
    let current: IpcWindow | null = null;
    setupIpc(fakeIpcMain(), core, () => current);
    core.events.emit('workspaces.changed', []);
    current = win;
    win.state.url = 'https://evil.com/';
    core.events.emit('workspaces.changed', []);
    win.state.url = 'app://aura/index.html';
    win.state.destroyed = true;
    core.events.emit('workspaces.changed', []);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });
});

describe('setupIpc with the real core', () => {
  const app = openTempApp();
  afterAll(() => app.dispose());

  it('answers real calls from the app frame and pushes the events they cause', async () => {
    const ipcMain = fakeIpcMain();
    const win = fakeWindow();
    const dispose = setupIpc(ipcMain, app, () => win);
    const call = ipcMain.handlers.get(IPC_CALL_CHANNEL) as CallHandler;
    await expect(call(APP_FRAME, 'app.info', {})).resolves.toMatchObject({ ok: true, result: { name: 'Aura Work' } });
    await expect(call(APP_FRAME, 'settings.set', { key: 'theme', value: 'dark' })).resolves.toMatchObject({ ok: true });
    expect(win.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'settings.changed', expect.objectContaining({ theme: 'dark' }));
    await expect(call(APP_FRAME, 'no.such.thing', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    dispose();
  });

  it('survives 10k fuzzed calls from fuzzed senders: never throws, always a reply, strangers change nothing', async () => {
    const call = createCallHandler(app);
    const senders = fc.oneof(
      fc.constant({ event: APP_FRAME, trusted: true }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }).map((url) => ({ event: frame(url), trusted: false })),
      fc.string().map((url) => ({ event: frame(url), trusted: false })),
      fc.webPath().map((path) => ({ event: frame(`app://aura${path}`, false), trusted: false })),
      fc.constantFrom('app://aura.evil/', 'app://evil/index.html', 'app://aura:2/', 'file:///index.html').map((url) => ({ event: frame(url), trusted: false })),
      fc.constant({ event: { senderFrame: null } as SenderEvent, trusted: false }),
      fc.constant({ event: disposedFrame(), trusted: false }),
    );
    const methods = fc.oneof(fc.constantFrom(...procedureNames, '__proto__', 'constructor', 'toString'), fc.anything());
    const inputs = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true });
    await fc.assert(
      fc.asyncProperty(senders, methods, inputs, async ({ event, trusted }, method, input) => {
        const before = app.audit.count();
        const reply = await call(event, method, input);
        expect(RpcResult.safeParse(reply).success).toBe(true);
        if (!trusted) {
          expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          expect(app.audit.count()).toBe(before);
        }
      }),
      fuzzBudget(10_000),
    );
  }, fuzzTestTimeoutMs());
});
