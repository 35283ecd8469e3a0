import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireFormat } from './answer';
import { anthropicFormat } from './anthropic-format';
import { geminiFormat } from './gemini-format';
import { handleControl } from './control-routes';
import { readBody, sendJson, writeReply } from './http-io';
import { openAiFormat } from './openai-format';
import { errorReply, replyFor, type Reply } from './reply';
import type { Turn } from './script';
import { TurnQueue } from './turn-queue';

/** One call the server received (control routes excepted), in arrival order. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** `body.model`, when the body names one. */
  model: string | undefined;
  /** The parsed JSON body; undefined for GET or a body that was not JSON. */
  body: unknown;
  headers: Record<string, string>;
  /** Wall-clock ms (high resolution) when the first byte of the answer was written; for latency benches. */
  firstByteAt?: number;
  /** Wall-clock ms when the request arrived and when its answer was fully written: the provider's own time. */
  receivedAt: number;
  finishedAt?: number;
}

/** A running scripted LLM server. */
export interface ScriptedLlm {
  /** `http://127.0.0.1:PORT/v1`: the baseURL for openai, openai-compatible, anthropic and google providers alike. */
  baseUrl: string;
  port: number;
  /** Appends turns to the script. */
  enqueue(...turns: Turn[]): void;
  /** Every call received, in order (a live array). */
  requests: RecordedRequest[];
  /** Turns not yet served. */
  pending(): number;
  /** Stops listening and destroys every open socket, stalled streams included. */
  close(): Promise<void>;
}

export interface ScriptedLlmOptions {
  turns?: Turn[];
  /** Names listed by `GET /v1/models`; requests for other names are still served. */
  models?: string[];
  /** 0 (the default) picks a free port. */
  port?: number;
}

/** Starts a scripted LLM server on 127.0.0.1. */
export async function startScriptedLlm(opts: ScriptedLlmOptions = {}): Promise<ScriptedLlm> {
  const queue = new TurnQueue();
  queue.push(...(opts.turns ?? []));
  const models = opts.models ?? ['scripted-model'];
  const requests: RecordedRequest[] = [];
  const counters = new Map<string, number>();
  const nextId = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${n}`;
  };
  const target = { enqueue: (...turns: Turn[]) => queue.push(...turns), pending: () => queue.size, clear: () => queue.clear(), requests };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.timeOrigin + performance.now();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = `${req.method ?? 'GET'} ${path}`;
    const raw = await readBody(req);
    if (path.startsWith('/__')) return handleControl(route, req, raw, res, target);
    const body = parseJson(raw);
    // Gemini names the model and the streaming mode in the path: /v1/models/NAME:streamGenerateContent.
    const gemini = /^\/v1\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
    const model = gemini ? decodeURIComponent(gemini[1] ?? '') : typeof body === 'object' && body !== null && typeof (body as { model?: unknown }).model === 'string' ? (body as { model: string }).model : undefined;
    const record: RecordedRequest = { method: req.method ?? 'GET', path, model, body, headers: flatHeaders(req), receivedAt };
    requests.push(record);

    if (route === 'GET /v1/models') return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' })) });
    const format: WireFormat | undefined =
      route === 'POST /v1/chat/completions' ? openAiFormat : route === 'POST /v1/messages' ? anthropicFormat : gemini && req.method === 'POST' ? geminiFormat : undefined;
    if (format === undefined) return sendJson(res, 404, { error: { message: `scripted LLM has no route ${route}`, type: 'invalid_request_error', code: 'not_found' } });

    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const stream = gemini ? gemini[2] === 'streamGenerateContent' : (body as { stream?: unknown } | undefined)?.stream === true;
    await writeReply(res, decide(format, req, body, model, stream), gone.signal, () => {
      record.firstByteAt = performance.timeOrigin + performance.now();
    });
    record.finishedAt = performance.timeOrigin + performance.now();
  }

  function decide(format: WireFormat, req: IncomingMessage, body: unknown, model: string | undefined, stream: boolean): Reply {
    if (typeof body !== 'object' || body === null) return errorReply(format, 400, 'the request body is not a JSON object');
    // Anthropic and Gemini refuse a call without a key before looking at it; the key's value is not checked.
    if (format === anthropicFormat && req.headers['x-api-key'] === undefined && req.headers.authorization === undefined) {
      return errorReply(format, 401, 'x-api-key header is required');
    }
    if (format === geminiFormat && req.headers['x-goog-api-key'] === undefined) return errorReply(format, 401, 'API key not valid. Please pass a valid API key.');
    const turn = queue.take(model);
    return replyFor(turn, format, { model, stream, body, nextId }, queue.size);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `scripted LLM failed: ${String(error)}`, type: 'server_error' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    enqueue: target.enqueue,
    requests,
    pending: target.pending,
    close: () =>
      new Promise<void>((resolve) => {
        // close() alone waits for open connections; a stalled stream would hold it forever.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
