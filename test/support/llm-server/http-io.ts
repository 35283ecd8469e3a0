import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Reply } from './reply';

/** Reads the whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a JSON value (already an object, not text) with `status`. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

/** Waits `ms` unless `signal` fires first; says whether to go on writing. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `reply`. `gone` fires when the client hangs up or the server closes: writing stops there, and
 * no timer outlives the connection, so a closed server leaves nothing to keep the process alive.
 */
export async function writeReply(res: ServerResponse, reply: Reply, gone: AbortSignal, onFirstByte: () => void = () => {}): Promise<void> {
  if (reply.kind === 'stall') {
    // Headers only, then silence: the socket stays open until the client aborts or close() destroys it.
    res.writeHead(200, { 'content-type': reply.contentType });
    res.flushHeaders();
    return;
  }
  if (reply.kind === 'json') {
    if (!(await pause(reply.delayMs, gone))) return;
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    onFirstByte();
    res.end(reply.body);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [at, event] of reply.events.entries()) {
    if (at > 0 && !(await pause(reply.delayMs, gone))) return;
    if (gone.aborted) return;
    if (at === 0) onFirstByte();
    res.write(event);
  }
  res.end();
}
