import { connect, type Socket } from 'node:net';

// Light on purpose: the CLI loads this before anything else, so it imports nothing but node:net.

/** The reply shape of every transport (see shared/wire RpcResult), without loading zod. */
export type LocalReply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string; hint?: string } };

/** The host went away (or never answered) under a call. */
export class HostGone extends Error {}

/**
 * A connection to the host's local channel: calls with replies matched by id, and the events subscribed to.
 * Fails every waiting call with `HostGone` when the connection drops.
 */
export class LocalClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: LocalReply) => void; reject: (err: Error) => void }>();
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();
  private readonly closeListeners = new Set<() => void>();
  private buffered = '';

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      for (const { reject } of this.waiting.values()) reject(new HostGone('The Aura Work host stopped while this command waited for it.'));
      this.waiting.clear();
      for (const listener of this.closeListeners) listener();
    });
  }

  /** Connects, or rejects with the socket error (ENOENT, ECONNREFUSED: no host is serving). */
  static connect(path: string, timeoutMs = 5_000): Promise<LocalClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path);
      const timer = setTimeout(() => socket.destroy(Object.assign(new Error('The host did not accept the connection in time.'), { code: 'ETIMEDOUT' })), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new LocalClient(socket));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  call(method: string, input: unknown = {}): Promise<LocalReply> {
    if (this.socket.destroyed) return Promise.reject(new HostGone('The connection to the Aura Work host is closed.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.write(`${JSON.stringify({ id, method, input })}\n`);
    });
  }

  /** Receives the named events from now on (replacing any earlier subscription). */
  async subscribe(topics: string[], listener: (event: string, payload: unknown) => void): Promise<void> {
    this.listeners.add(listener);
    const reply = await this.call('events.subscribe', { topics });
    if (!reply.ok) throw new Error(reply.error.message);
  }

  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      let frame: { type?: string; id?: number; reply?: LocalReply; event?: string; payload?: unknown };
      try {
        frame = JSON.parse(line) as typeof frame;
      } catch {
        continue;
      }
      if (frame.type === 'event' && typeof frame.event === 'string') {
        for (const listener of this.listeners) listener(frame.event, frame.payload);
      } else if (frame.type === 'reply' && typeof frame.id === 'number' && frame.reply) {
        const waiter = this.waiting.get(frame.id);
        this.waiting.delete(frame.id);
        waiter?.resolve(frame.reply);
      }
    }
  }
}
