import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AuraApp } from '../../core/app';
import { OWNER_CLI } from '../../shared/auth';
import { isEventName } from '../../shared/contract';
import { MAX_LOCAL_FRAME_BYTES, SUBSCRIBE_METHOD, SubscribeInput } from '../../shared/local-wire';
import { parseClientFrame, type HostFrame } from '../../shared/wire';

export interface LocalChannel {
  /** How many clients are connected (a background host stays while any is). */
  clients(): number;
  close(): Promise<void>;
}

/**
 * Serves the contract to the CLI on the data directory's socket, as the owner: only this user can open the
 * socket (0600 in an owner-only directory). One JSON frame per line each way; events only when subscribed.
 */
export async function serveLocalChannel(app: AuraApp, socketPath: string, onChange: () => void): Promise<LocalChannel> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    onChange();
    const stop = serveClient(app, socket);
    socket.on('close', () => {
      stop();
      sockets.delete(socket);
      onChange();
    });
  });
  // This process owns the data directory (it holds the host lock): a socket file left here is a dead host's.
  if (process.platform !== 'win32') rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The socket is created owner-only from the start, not chmod-ed after others could connect.
    const umask = process.platform === 'win32' ? null : process.umask(0o177);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
    if (umask !== null) process.umask(umask);
  });
  if (process.platform !== 'win32') chmodSync(socketPath, 0o600);
  return {
    clients: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serveClient(app: AuraApp, socket: Socket): () => void {
  const send = (frame: HostFrame) => {
    if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(frame)}\n`);
  };
  let topics: Set<string> | null = null;
  const unsubscribe = app.events.subscribe((event, payload) => {
    if (topics?.has(event)) send({ type: 'event', event, payload });
  });
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > MAX_LOCAL_FRAME_BYTES) {
      send({ type: 'reply', id: -1, reply: { ok: false, error: { code: 'BAD_REQUEST', message: 'That frame is too large.' } } });
      socket.destroy();
      return;
    }
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) void handleLine(line);
    }
  });

  const handleLine = async (line: string) => {
    const frame = parseClientFrame(line);
    if (!frame.success) {
      send({ type: 'reply', id: frame.id, reply: { ok: false, error: { code: 'BAD_REQUEST', message: 'That message is not a valid call frame.', hint: 'Send {"id": number, "method": string, "input": …} as one line of JSON.' } } });
      return;
    }
    const { id, method, input } = frame.data;
    if (method === SUBSCRIBE_METHOD) {
      const parsed = SubscribeInput.safeParse(input ?? {});
      if (!parsed.success || !parsed.data.topics.every(isEventName)) {
        send({ type: 'reply', id, reply: { ok: false, error: { code: 'INVALID_INPUT', message: 'Subscribe to event names of the contract.' } } });
        return;
      }
      topics = new Set(parsed.data.topics);
      send({ type: 'reply', id, reply: { ok: true, result: { topics: [...topics] } } });
      return;
    }
    send({ type: 'reply', id, reply: await app.dispatch(method, input, OWNER_CLI) });
  };
  return unsubscribe;
}
