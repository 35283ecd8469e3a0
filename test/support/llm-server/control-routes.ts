import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from './http-io';
import { ScriptRequest, type Turn } from './script';

/** What the control routes may touch. */
export interface ControlTarget {
  enqueue(...turns: Turn[]): void;
  pending(): number;
  clear(): number;
  requests: readonly unknown[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `POST /__script` {turns}, `DELETE /__script` (drop what is left) and `GET /__requests`, for a test that runs the app in another process.
 * Loopback callers only, and JSON only, so a web page cannot script the server with a simple form post.
 */
export function handleControl(route: string, req: IncomingMessage, raw: string, res: ServerResponse, target: ControlTarget): void {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return sendJson(res, 403, { error: 'control routes answer loopback callers only' });
  if (route === 'GET /__requests') return sendJson(res, 200, target.requests);
  if (route === 'DELETE /__script') return sendJson(res, 200, { dropped: target.clear() });
  if (route !== 'POST /__script') return sendJson(res, 404, { error: `no control route ${route}` });
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 400, { error: 'send {"turns":[...]} as application/json' });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return sendJson(res, 400, { error: 'the body is not valid JSON' });
  }
  const parsed = ScriptRequest.safeParse(body);
  if (!parsed.success) return sendJson(res, 400, { error: z.prettifyError(parsed.error) });
  target.enqueue(...parsed.data.turns);
  sendJson(res, 200, { pending: target.pending() });
}
