import { connect, type Socket } from 'node:net';

/** One reply read off the wire; null where the connection closed before it. */
export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Waiting {
  head: boolean;
  resolve: (reply: WireReply | null) => void;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * A keep-alive HTTP/1.1 connection that writes requests back to back (pipelining) and reads their replies
 * in order: raw bytes in, so a test can send what no HTTP client would (two Host headers, a forged Host,
 * broken framing), and fast enough for a hundred thousand requests in a test.
 */
export class PipelinedConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Waiting[] = [];
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain(false);
    });
    const end = () => {
      if (this.closed) return;
      this.closed = true;
      this.drain(true);
      for (const waiting of this.waiting.splice(0)) waiting.resolve(null);
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  static open(port: number): Promise<PipelinedConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.off('error', reject);
        resolve(new PipelinedConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Writes every request at once; resolves with their replies in order (null: the connection closed first). */
  send(requests: readonly { raw: Buffer; head: boolean }[]): Promise<(WireReply | null)[]> {
    if (this.closed) return Promise.resolve(requests.map(() => null));
    const replies = requests.map((request) => new Promise<WireReply | null>((resolve) => this.waiting.push({ head: request.head, resolve })));
    this.socket.write(requests.length === 1 ? requests[0]!.raw : Buffer.concat(requests.map((request) => request.raw)));
    return Promise.all(replies);
  }

  /** Writes bytes as they are (a request in pieces, a slow client). */
  write(bytes: Buffer | string): void {
    if (!this.closed) this.socket.write(bytes);
  }

  /** The next reply, or null if the connection closes first. */
  next(head = false): Promise<WireReply | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiting.push({ head, resolve }));
  }

  /** Resolves when the server has closed the connection. */
  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  close(): void {
    this.socket.destroy();
  }

  /** Parses every complete reply in the buffer; at the end of the stream a reply without length ends there. */
  private drain(atEnd: boolean): void {
    while (this.waiting.length) {
      const headEnd = this.buffer.indexOf(CRLF2);
      if (headEnd === -1) return;
      const lines = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let rest = this.buffer.subarray(headEnd + 4);
      // Interim replies (100 Continue) come before the real one.
      if (status >= 100 && status < 200) {
        this.buffer = rest;
        continue;
      }
      const waiting = this.waiting[0]!;
      let body: Buffer;
      if (waiting.head || status === 204 || status === 304) {
        body = Buffer.alloc(0);
      } else if (headers['content-length'] !== undefined) {
        const length = Number(headers['content-length']);
        if (rest.length < length) return;
        body = rest.subarray(0, length);
        rest = rest.subarray(length);
      } else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
        const decoded = dechunk(rest);
        if (!decoded) return;
        body = decoded.body;
        rest = decoded.rest;
      } else {
        if (!atEnd) return;
        body = rest;
        rest = Buffer.alloc(0);
      }
      this.buffer = rest;
      this.waiting.shift();
      waiting.resolve({ status, headers, body: body.toString('utf8') });
    }
  }
}

function dechunk(data: Buffer): { body: Buffer; rest: Buffer } | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) return null;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return null;
    const start = lineEnd + 2;
    if (size === 0) {
      const end = data.indexOf(CRLF2, lineEnd);
      return end === -1 ? null : { body: Buffer.concat(parts), rest: data.subarray(end + 4) };
    }
    if (data.length < start + size + 2) return null;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}
