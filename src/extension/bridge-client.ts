import { z } from 'zod';
import type { Problem } from './messages';

/** A failure (of a bridge call, or of reading the page) already sorted into what the popup can explain. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message ?? problem.kind);
    this.name = 'ProblemError';
  }
}

/** Only the loopback address: the bridge binds nowhere else, and the manifest grants nothing else. */
export const bridgeBase = (port: number): string => `http://127.0.0.1:${port}/v1`;

// Loose on the error code: an app newer than this extension may send one it does not know.
const Envelope = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string().max(64), message: z.string().max(2000), hint: z.string().max(2000).optional() }) }),
]);

export interface BridgeRequest {
  method: 'GET' | 'POST';
  /** Under /v1, e.g. `/tasks/<id>`. */
  path: string;
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Sends one request to the bridge and checks the answer against `schema`; every failure is a ProblemError. */
export async function callBridge<T>(fetchFn: Fetch, port: number, request: BridgeRequest, schema: z.ZodType<T>): Promise<T> {
  const result = schema.safeParse(await readResult(await send(fetchFn, port, request, 'application/json')));
  if (!result.success) throw new ProblemError({ kind: 'not-aura', message: 'The app answered in a shape this extension does not know.', hint: 'Update the extension to the version of the app.' });
  return result.data;
}

/** Opens a streamed response (the event stream); a refusal is read as the usual error envelope. */
export async function openBridgeStream(fetchFn: Fetch, port: number, request: BridgeRequest): Promise<ReadableStream<Uint8Array>> {
  const response = await send(fetchFn, port, request, 'text/event-stream');
  if (response.ok && response.body && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')) return response.body;
  await readResult(response);
  throw new ProblemError({ kind: 'not-aura' });
}

/** The `result` of a success envelope; an error envelope (or anything else) thrown as a ProblemError. */
async function readResult(response: Response): Promise<unknown> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    throw new ProblemError({ kind: 'not-aura' });
  }
  const envelope = Envelope.safeParse(payload);
  if (!envelope.success) throw new ProblemError({ kind: 'not-aura' });
  if (envelope.data.ok) return envelope.data.result;
  const { code, message, hint } = envelope.data.error;
  const kind = response.status === 401 || code === 'UNAUTHORIZED' ? 'unauthorized' : response.status === 403 || code === 'FORBIDDEN' ? 'forbidden' : 'rejected';
  throw new ProblemError({ kind, code, message, ...(hint ? { hint } : {}) });
}

async function send(fetchFn: Fetch, port: number, request: BridgeRequest, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetchFn(`${bridgeBase(port)}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (err) {
    if (request.signal?.aborted) throw err;
    // fetch says only "Failed to fetch": on loopback that is a closed port, i.e. the app is not running.
    throw new ProblemError({ kind: 'unreachable' });
  }
}

/** Anything thrown, as a Problem: bridge problems as they are, the rest as a fault of the extension. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return err.problem;
  return { kind: 'internal', message: err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500) };
}
