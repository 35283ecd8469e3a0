/// <reference types="jest" />
// The preload tsconfig has no test types; this reference gives them to this file alone.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { events, procedureNames } from '../shared/contract';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/ipc-channels';
import { createIpcTransport as createWithNames } from './transport';

const NAMES = { procedures: procedureNames, events: Object.keys(events) };
const createIpcTransport = (ipc: Parameters<typeof createWithNames>[0]) => createWithNames(ipc, NAMES);

type Forward = (event: IpcRendererEvent, name: unknown, payload: unknown) => void;

const fakeIpcRenderer = () => {
  const listeners = new Map<string, Forward[]>();
  const ipc = {
    invoke: jest.fn(async (): Promise<unknown> => ({ ok: true, result: 'pong' })),
    on: jest.fn((channel: string, listener: Forward): void => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    }),
    removeListener: jest.fn((channel: string, listener: Forward): void => {
      listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener));
    }),
  };
  // What main's webContents.send would deliver, with an IpcRendererEvent that holds `sender`.
  const push = (name: unknown, payload: unknown) => {
    const ipcEvent = { sender: ipc } as unknown as IpcRendererEvent;
    for (const listener of listeners.get(IPC_EVENT_CHANNEL) ?? []) listener(ipcEvent, name, payload);
  };
  const count = () => listeners.get(IPC_EVENT_CHANNEL)?.length ?? 0;
  return { ipc, push, count, asIpc: ipc as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'> };
};

describe('call', () => {
  it('sends a contract procedure over the call channel', async () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.asIpc);
    await expect(transport.call('settings.getAll', {})).resolves.toEqual({ ok: true, result: 'pong' });
    expect(fake.ipc.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'settings.getAll', {});
  });

  it.each(['nope', '__proto__', 'constructor', 'hasOwnProperty', '', 'settings.getAll ', 'SETTINGS.GETALL'])(
    'refuses %j locally, without IPC',
    async (method) => {
      const fake = fakeIpcRenderer();
      const reply = await createIpcTransport(fake.asIpc).call(method, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
      expect(fake.ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('refuses a method that is not a string', async () => {
    const fake = fakeIpcRenderer();
    const reply = await createIpcTransport(fake.asIpc).call({ toString: () => 'app.info' } as unknown as string, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
    expect(fake.ipc.invoke).not.toHaveBeenCalled();
  });

  it('offers one named function per procedure of the contract, each a call of that procedure', async () => {
    const fake = fakeIpcRenderer();
    const { api } = createIpcTransport(fake.asIpc);
    expect(Object.keys(api).sort()).toEqual([...procedureNames].sort());
    await expect(api['tasks.list']!({ page: 2 })).resolves.toEqual({ ok: true, result: 'pong' });
    expect(fake.ipc.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, 'tasks.list', { page: 2 });
    await api['app.info']!();
    expect(fake.ipc.invoke).toHaveBeenLastCalledWith(IPC_CALL_CHANNEL, 'app.info', {});
  });

  it('turns a failed send (uncloneable input) into an error reply', async () => {
    const fake = fakeIpcRenderer();
    fake.ipc.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    await expect(createIpcTransport(fake.asIpc).call('app.info', { fn: () => 1 })).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('subscribe', () => {
  it('forwards contract events as (name, payload) and never the IpcRendererEvent', () => {
    const fake = fakeIpcRenderer();
    const listener = jest.fn();
    createIpcTransport(fake.asIpc).subscribe(listener);
    fake.push('workspaces.changed', []);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith('workspaces.changed', []);
    expect(listener.mock.calls[0]).toHaveLength(2);
  });

  it.each(['nope', '__proto__', 42, null, undefined])('drops the event %j that the contract does not name', (name) => {
    const fake = fakeIpcRenderer();
    const listener = jest.fn();
    createIpcTransport(fake.asIpc).subscribe(listener);
    fake.push(name, { sender: 'x' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps one ipcRenderer listener for every subscriber and removes it with the last', () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.asIpc);
    const first = jest.fn();
    const second = jest.fn();
    const offFirst = transport.subscribe(first);
    const offSecond = transport.subscribe(second);
    expect(fake.count()).toBe(1);
    fake.push('audit.appended', { seq: 1 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    offFirst();
    offFirst();
    expect(fake.count()).toBe(1);
    fake.push('audit.appended', { seq: 2 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    offSecond();
    expect(fake.count()).toBe(0);
    expect(transport.subscribe(first)).toEqual(expect.any(Function));
    expect(fake.count()).toBe(1);
  });

  it('keeps delivering when one page listener throws', () => {
    const fake = fakeIpcRenderer();
    const transport = createIpcTransport(fake.asIpc);
    const healthy = jest.fn();
    transport.subscribe(() => {
      throw new Error('page bug');
    });
    transport.subscribe(healthy);
    fake.push('workspaces.changed', []);
    expect(healthy).toHaveBeenCalled();
  });

  it('refuses a listener that is not a function', () => {
    const fake = fakeIpcRenderer();
    expect(() => createIpcTransport(fake.asIpc).subscribe('x' as unknown as () => void)).toThrow(TypeError);
    expect(fake.count()).toBe(0);
  });
});
