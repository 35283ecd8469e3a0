import { AuraError, type ErrorShape } from '../../shared/errors';
import type { Transport } from '../../shared/client';
import { HostFrame, type ClientFrame, type RpcResult } from '../../shared/wire';
import type { ConnectionSource, ConnectionStatus } from './connection-status';

/** The user-facing texts of the transport's own failures, supplied by the i18n layer. */
export interface TransportMessages {
  connectionLost(): Omit<ErrorShape, 'code'>;
  notConnected(): Omit<ErrorShape, 'code'>;
}

export interface SocketTransportOptions {
  url: string;
  messages: TransportMessages;
  /** Injected by tests; defaults to the browser's WebSocket. */
  createSocket?: (url: string) => WebSocket;
  /** How long a call may wait for a connection before it fails. */
  queueTimeoutMs?: number;
  /** Delay before reconnect attempt `n` (1-based). */
  backoff?: (attempt: number) => number;
}

interface PendingCall {
  frame: string;
  sent: boolean;
  resolve(reply: RpcResult): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const DEFAULT_QUEUE_TIMEOUT_MS = 10_000;
// WebSocket.OPEN, spelled out so the module does not need the global WebSocket to load (tests, Node 20).
const SOCKET_OPEN = 1;
const MAX_BACKOFF_MS = 10_000;

/** 0.5 s, 1 s, 2 s … capped at 10 s, with jitter so many tabs do not reconnect in lockstep. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * The contract over the headless host's WebSocket: replies are matched to calls by id, calls made
 * while disconnected wait in a queue, and a dropped socket is reopened with back-off.
 */
export class SocketTransport implements Transport, ConnectionSource {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly eventListeners = new Set<(event: string, payload: unknown) => void>();
  private readonly statusListeners = new Set<() => void>();
  private status: ConnectionStatus = { state: 'connecting', failures: 0, opens: 0 };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly createSocket: (url: string) => WebSocket;
  private readonly queueTimeoutMs: number;
  private readonly backoff: (attempt: number) => number;

  constructor(private readonly options: SocketTransportOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.queueTimeoutMs = options.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS;
    this.backoff = options.backoff ?? defaultBackoff;
    this.open();
  }

  call(method: string, input: unknown): Promise<RpcResult> {
    return new Promise<RpcResult>((resolve, reject) => {
      const id = this.nextId++;
      const frame: ClientFrame = { id, method, input };
      const call: PendingCall = { frame: JSON.stringify(frame), sent: false, resolve, reject, timer: undefined };
      this.pending.set(id, call);
      if (!this.trySend(call)) {
        call.timer = setTimeout(() => this.fail(id, 'notConnected'), this.queueTimeoutMs);
      }
    });
  }

  subscribe(listener: (event: string, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  getStatus(): ConnectionStatus {
    return this.status;
  }

  subscribeStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  retryNow(): void {
    if (this.disposed || this.socket) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  /** Closes the socket for good and fails every call still waiting. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.socket?.close();
    this.socket = null;
    for (const id of [...this.pending.keys()]) this.fail(id, 'connectionLost');
  }

  private open(): void {
    let socket: WebSocket;
    try {
      socket = this.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.handleOpen(socket);
    socket.onmessage = (message: MessageEvent) => this.handleMessage(message.data);
    // `error` is always followed by `close`, which does the clean-up.
    socket.onclose = () => this.handleClose(socket);
  }

  private handleOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.setStatus({ state: 'open', failures: 0, opens: this.status.opens + 1 });
    // Map iteration follows insertion order, so queued calls go out in the order they were made.
    for (const call of this.pending.values()) {
      if (!call.sent) this.trySend(call);
    }
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = HostFrame.safeParse(raw);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'reply') {
      const call = this.pending.get(frame.id);
      if (!call) return;
      this.pending.delete(frame.id);
      clearTimeout(call.timer);
      call.resolve(frame.reply);
      return;
    }
    for (const listener of this.eventListeners) {
      try {
        listener(frame.event, frame.payload);
      } catch (err) {
        // One faulty listener must not starve the others of the event.
        console.error('event listener failed', err);
      }
    }
  }

  private handleClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    // A call already sent may or may not have run on the host: fail it rather than resend it.
    for (const [id, call] of this.pending) {
      if (call.sent) this.fail(id, 'connectionLost');
    }
    if (!this.disposed) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.disposed) return;
    const failures = this.status.failures + 1;
    this.setStatus({ state: this.status.opens > 0 ? 'reconnecting' : 'connecting', failures, opens: this.status.opens });
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), this.backoff(failures));
  }

  private trySend(call: PendingCall): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== SOCKET_OPEN) return false;
    try {
      socket.send(call.frame);
    } catch {
      return false;
    }
    call.sent = true;
    clearTimeout(call.timer);
    call.timer = undefined;
    return true;
  }

  private fail(id: number, reason: keyof TransportMessages): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    clearTimeout(call.timer);
    const { message, hint } = this.options.messages[reason]();
    call.reject(new AuraError('IO_ERROR', message, hint));
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}
