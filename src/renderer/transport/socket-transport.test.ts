import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { AuraError } from '../../shared/errors';
import { SocketTransport, type TransportMessages } from './socket-transport';

/** Just enough of a browser WebSocket to drive the transport by hand. */
class FakeSocket {
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  frames() {
    return this.sent.map((text) => JSON.parse(text) as { id: number; method: string; input?: unknown });
  }
}

const messages: TransportMessages = {
  connectionLost: () => ({ message: 'lost', hint: 'lost hint' }),
  notConnected: () => ({ message: 'not connected', hint: 'wait' }),
};

describe('SocketTransport', () => {
  let sockets: FakeSocket[];
  const latest = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  };
  const create = () =>
    new SocketTransport({
      url: 'ws://127.0.0.1:1/api/ws?token=t',
      messages,
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
      backoff: () => 1000,
      queueTimeoutMs: 5000,
    });

  beforeEach(() => {
    jest.useFakeTimers();
    sockets = [];
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('queues calls until the socket opens, then sends them in order and matches replies by id', async () => {
    const transport = create();
    const first = transport.call('app.info', {});
    const second = transport.call('workspaces.list', {});
    expect(latest().sent).toHaveLength(0);
    latest().open();
    const [a, b] = latest().frames();
    expect([a?.method, b?.method]).toEqual(['app.info', 'workspaces.list']);
    latest().receive({ type: 'reply', id: b?.id, reply: { ok: true, result: [] } });
    latest().receive({ type: 'reply', id: a?.id, reply: { ok: false, error: { code: 'INTERNAL', message: 'x' } } });
    await expect(second).resolves.toEqual({ ok: true, result: [] });
    await expect(first).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'x' } });
    transport.dispose();
  });

  it('delivers events to subscribers and ignores frames outside the wire format', () => {
    const transport = create();
    latest().open();
    const seen: unknown[] = [];
    const stop = transport.subscribe((event, payload) => seen.push([event, payload]));
    latest().receive({ type: 'event', event: 'audit.appended', payload: { seq: 1 } });
    latest().receive({ type: 'nonsense' });
    latest().onmessage?.({ data: 'not json' });
    stop();
    latest().receive({ type: 'event', event: 'audit.appended', payload: { seq: 2 } });
    expect(seen).toEqual([['audit.appended', { seq: 1 }]]);
    transport.dispose();
  });

  it('fails calls in flight when the socket drops, then reconnects after the back-off', async () => {
    const transport = create();
    latest().open();
    const pending = transport.call('audit.verify', {});
    latest().drop();
    const error = await pending.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AuraError);
    expect(error).toMatchObject({ code: 'IO_ERROR', message: 'lost', hint: 'lost hint' });
    expect(transport.getStatus()).toMatchObject({ state: 'reconnecting', failures: 1, opens: 1 });
    expect(sockets).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    latest().open();
    expect(transport.getStatus()).toEqual({ state: 'open', failures: 0, opens: 2 });
    transport.dispose();
  });

  it('fails a queued call that waits too long for a connection', async () => {
    const transport = create();
    const pending = transport.call('app.info', {});
    jest.advanceTimersByTime(5000);
    await expect(pending).rejects.toMatchObject({ code: 'IO_ERROR', message: 'not connected' });
    transport.dispose();
  });

  it('notifies status listeners and retries at once on request', () => {
    const transport = create();
    const listener = jest.fn();
    transport.subscribeStatus(listener);
    latest().drop();
    expect(transport.getStatus().state).toBe('connecting');
    expect(listener).toHaveBeenCalledTimes(1);
    transport.retryNow();
    expect(sockets).toHaveLength(2);
    transport.dispose();
  });
});
