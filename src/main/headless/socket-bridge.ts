import { OWNER_UI } from '../../shared/auth';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuraApp } from '../../core/app';
import { parseClientFrame, type HostFrame, type ParsedClientFrame } from '../../shared/wire';
import type { AccessGuard } from './access-guard';

const MAX_FRAME_BYTES = 1024 * 1024;

/** The contract over WebSocket: calls in, replies and pushed events out, every frame validated. */
export class SocketBridge {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  constructor(
    private readonly app: AuraApp,
    private readonly guard: AccessGuard,
  ) {
    this.wss.on('connection', (socket) => this.serve(socket));
  }

  /** Checks path, Host, Origin and token before the upgrade; anything else gets a plain refusal. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/api/ws') return refuse('404 Not Found');
    if (!this.guard.hostAllowed(request.headers.host) || !this.guard.originAllowed(request.headers.origin)) return refuse('403 Forbidden');
    if (!this.guard.tokenValid(url.searchParams.get('token'))) return refuse('401 Unauthorized');
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  private serve(socket: WebSocket): void {
    const send = (frame: HostFrame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    const unsubscribe = this.app.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
    socket.on('close', unsubscribe);
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      const frame: ParsedClientFrame = isBinary ? { success: false, id: -1 } : parseClientFrame(data.toString());
      if (!frame.success) {
        send({ type: 'reply', id: frame.id, reply: { ok: false, error: { code: 'BAD_REQUEST', message: 'That message is not a valid call frame.', hint: 'Send {"id": number, "method": string, "input": …} as JSON text.' } } });
        return;
      }
      void this.app.dispatch(frame.data.method, frame.data.input, OWNER_UI).then((reply) => send({ type: 'reply', id: frame.data.id, reply }));
    });
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
