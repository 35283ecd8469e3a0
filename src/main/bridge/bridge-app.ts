import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { AuraApp } from '../../core/app';
import { mayCall } from '../../core/auth/access';
import type { ClientRecord } from '../../core/bridge/client-store';
import type { Principal } from '../../shared/auth';
import { PairRequestInput } from '../../shared/bridge';
import { AuraError, describeIssues, toErrorShape } from '../../shared/errors';
import { HTTP_STATUS } from '../headless/http-status';
import { chooseTopics, EventStreams } from './event-stream';
import { bridgeOpenApi } from './openapi';
import { limiter, type BridgeLimits, type Limiter } from './rate-limits';
import { allowOrigin, classifyOrigin, frontHeaders, hostAllowed, originMatchesClient, secureHeaders, sendError, type OriginKind } from './request-guards';
import { contractRoutes, routeInput, type ContractRoute } from './route-table';
import { mcpHandler } from './mcp-route';

export interface BridgeAppOptions {
  limits: BridgeLimits;
  heartbeatMs: number;
  /** The bound port (known once listening): the Host header must name it. */
  port: () => number;
  baseUrl: () => string;
}

/** What the guards leave for the routes after them. */
interface Locals {
  origin: OriginKind;
  client: ClientRecord;
  principal: Principal;
}
const locals = (res: Response) => res.locals as Locals;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const UNAUTHORIZED = {
  missing: { code: 'UNAUTHORIZED', message: 'A token is required.', hint: 'Send "Authorization: Bearer <token>": pair the client in the app, or make a token with `aura bridge token create`.' },
  unknown: { code: 'UNAUTHORIZED', message: 'This token is not valid (it may have been revoked).', hint: 'Pair again, or make a new token with `aura bridge token create`.' },
  expired: { code: 'UNAUTHORIZED', message: 'This token expired: it was not used for 90 days.', hint: 'Pair again, or make a new token with `aura bridge token create`.' },
} as const;

/** A request carries a body when it says so (length or chunked), whatever its method. */
const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Past this much, a body refused as too large is not even drained: the connection is cut. */
const DRAIN_MAX = 16 * 1024 * 1024;

/**
 * Refuses a body that is too large at once, then reads and drops the rest of it (up to 16 MB), so the client,
 * still sending, reads the refusal instead of a reset connection; beyond that the connection is cut.
 */
function tooLarge(req: Request, res: Response): void {
  const declared = Number(req.headers['content-length']);
  if (declared > DRAIN_MAX) res.setHeader('Connection', 'close');
  sendError(res, 413, { code: 'BAD_REQUEST', message: 'The request body is too large.', hint: 'Pages may carry up to 500,000 characters of text; other calls are small.' });
  if (declared > DRAIN_MAX) return;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX) req.socket.destroy();
  });
  req.resume();
}

/**
 * A JSON body (an object or array, UTF-8, not compressed) of at most `limit` bytes. A body declared or
 * found larger is refused at once, without reading the rest of it.
 */
function jsonBody(limit: number): RequestHandler {
  return (req, res, next) => {
    if (!hasBody(req)) return next();
    if (!req.is('application/json')) return sendError(res, 415, { code: 'BAD_REQUEST', message: 'Send the input as application/json.' });
    const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.headers['content-type'] ?? '')?.[2]?.toLowerCase();
    if ((charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') || (req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity') {
      return sendError(res, 415, { code: 'BAD_REQUEST', message: 'Send the JSON as plain UTF-8 (no other charset, no compression).' });
    }
    if (Number(req.headers['content-length']) > limit) return tooLarge(req, res);
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', stop);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      tooLarge(req, res);
    };
    const onEnd = () => {
      stop();
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        if (!/^[\s]*[[{]/.test(text)) throw new SyntaxError('not an object or array');
        req.body = JSON.parse(text) as unknown;
      } catch {
        return sendError(res, 400, { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.', hint: 'Send a JSON object.' });
      }
      next();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    // An aborted upload: nobody is left to answer.
    req.on('error', stop);
  };
}

/** Runs a service call that may hand a secret out: the secret is registered for redaction once the reply is written. */
function replyWith(res: Response, call: (afterReply: (task: () => void) => void) => unknown, logger: AuraApp['logger']): void {
  const after: (() => void)[] = [];
  let result: unknown;
  try {
    result = call((task) => after.push(task));
  } catch (err) {
    if (!(err instanceof AuraError)) logger.error('bridge request failed', { error: err instanceof Error ? err.message : String(err) });
    const error = toErrorShape(err);
    sendError(res, HTTP_STATUS[error.code], error);
    return;
  }
  res.json({ ok: true, result });
  for (const task of after) task();
}

/**
 * The bridge's express app (docs/BRIDGE.md): the front door (Host, Origin), the open routes (OpenAPI,
 * pairing), then the token, the client's origin and its rate limit for everything else under /v1: the
 * event stream and one route per contract procedure with an `http` field.
 */
export function createBridgeApp(app: AuraApp, options: BridgeAppOptions): { web: express.Express; close(): void } {
  const { limits } = options;
  const routes = contractRoutes();
  const limiters: Limiter[] = [];
  const limit = (windowMs: number, count: number, key: (req: Request, res: Response) => string, what: string) => {
    const made = limiter(windowMs, count, key, what, app.logger);
    limiters.push(made);
    return made.handler;
  };
  const byAddress = (req: Request) => req.socket.remoteAddress ?? 'unknown';
  const byClient = (_req: Request, res: Response) => locals(res).client.id;
  const streams = new EventStreams(app, { heartbeatMs: options.heartbeatMs, maxPerClient: limits.streamsPerClient, maxBufferedBytes: 4 * 1024 * 1024 });
  let openapi: string | null = null;

  const web = express();
  web.disable('x-powered-by');
  web.set('etag', false);
  web.set('query parser', 'simple');

  // The front door, for every request.
  web.use((req, res, next) => {
    secureHeaders(res);
    if (!req.url.startsWith('/')) return sendError(res, 400, { code: 'BAD_REQUEST', message: 'Send a path, not a full URL.' });
    const front = frontHeaders(req);
    if (!hostAllowed(front.host, options.port())) return sendError(res, 403, { code: 'FORBIDDEN', message: 'This host name is not allowed.', hint: `Call ${options.baseUrl()}.` });
    if (front.authorizations > 1) return sendError(res, 400, { code: 'BAD_REQUEST', message: 'Send one Authorization header.' });
    const origin = classifyOrigin(req.headers.origin);
    if (origin.kind === 'foreign') return sendError(res, 403, { code: 'FORBIDDEN', message: 'Requests from web pages are not allowed.' });
    locals(res).origin = origin;
    if (req.method === 'OPTIONS') {
      // A preflight carries no token: it learns only what any extension may send; each request is checked in full.
      allowOrigin(res, origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Pair-Secret');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  });

  web.get('/v1/openapi.json', (_req, res) => {
    allowOrigin(res, locals(res).origin);
    // Built and serialized once: it only changes with the app.
    res.type('application/json').send((openapi ??= JSON.stringify(bridgeOpenApi(routes, app.version, options.baseUrl()))));
  });

  // Pairing: no token yet, so limited per address; the request's Origin is what the token will be bound to.
  web.post('/v1/pair', limit(60_000, limits.pairsPerMinute, byAddress, 'pairing requests'), limit(3_600_000, limits.pairsPerHour, byAddress, 'pairing requests this hour'), jsonBody(4 * 1024), (req, res) => {
    const origin = locals(res).origin;
    allowOrigin(res, origin);
    const parsed = PairRequestInput.safeParse(req.body ?? {});
    if (!parsed.success) return sendError(res, 400, { code: 'INVALID_INPUT', message: `Invalid pairing request: ${describeIssues(parsed.error)}.`, hint: 'Send {"name": "…", "scopes": ["tasks:read", …]}.' });
    replyWith(res, (afterReply) => app.bridge.requestPairing({ ...parsed.data, origin: origin.kind === 'extension' ? origin.origin : null }, afterReply), app.logger);
  });
  web.get('/v1/pair/:requestId', limit(60_000, limits.pollsPerMinute, byAddress, 'pairing polls'), (req, res) => {
    const origin = locals(res).origin;
    allowOrigin(res, origin);
    const requestId = String(req.params.requestId ?? '');
    if (!UUID.test(requestId)) return sendError(res, 404, { code: 'NOT_FOUND', message: 'There is no such pairing request.' });
    const secret = req.headers['x-pair-secret'];
    replyWith(res, (afterReply) => app.bridge.pollPairing(requestId, typeof secret === 'string' ? secret : undefined, origin.kind === 'extension' ? origin.origin : null, afterReply), app.logger);
  });

  // Everything else under /v1 needs a live token, used from its own origin, within its rate.
  web.use(
    '/v1',
    (req, res, next) => {
      const auth = app.bridge.authenticate(req.headers.authorization);
      if (!auth.ok) return sendError(res, 401, UNAUTHORIZED[auth.reason]);
      const origin = locals(res).origin;
      if (!originMatchesClient(origin, auth.client.origin)) return sendError(res, 403, { code: 'FORBIDDEN', message: 'This token belongs to another client.', hint: 'Use the token from the extension it was paired with.' });
      allowOrigin(res, origin);
      locals(res).client = auth.client;
      locals(res).principal = auth.principal;
      next();
    },
    limit(60_000, limits.requestsPerMinute, byClient, 'requests from this client'),
  );
  const writes = limit(60_000, limits.writesPerMinute, byClient, 'changes from this client');

  web.get('/v1/events', (req, res) => {
    const { client, principal } = locals(res);
    const choice = chooseTopics(principal, req.query.topics);
    if (!choice.ok) return sendError(res, choice.status, choice.error);
    if (streams.countFor(client.id) >= limits.streamsPerClient) return sendError(res, 429, { code: 'RATE_LIMITED', message: 'This client has too many event streams open.', hint: 'Close one first.' });
    streams.open(res, client.id, principal, choice.topics);
  });

  // MCP over streamable HTTP (docs/MCP.md): Aura's task tools, as this client and within its scopes.
  web.all('/v1/mcp', jsonBody(64 * 1024), mcpHandler(app, (res) => locals(res).principal));

  for (const route of routes) {
    const path = `/v1${route.path}`;
    const scope: RequestHandler = (_req, res, next) => {
      if (mayCall(locals(res).principal, route.access)) return next();
      sendError(res, 403, { code: 'FORBIDDEN', message: `This client may not call ${route.procedure}.`, hint: `Pair the client again with the "${route.access}" scope.` });
    };
    const handler = (req: Request, res: Response) => void dispatch(route, req, res);
    if (route.method === 'GET') web.get(path, scope, handler);
    else if (route.method === 'POST') web.post(path, scope, writes, jsonBody(route.bodyLimit), handler);
    else web.delete(path, scope, writes, jsonBody(route.bodyLimit), handler);
  }

  async function dispatch(route: ContractRoute, req: Request, res: Response): Promise<void> {
    const { client, principal } = locals(res);
    const input = routeInput(route, req.params as Record<string, string>, req.query as Record<string, unknown>, req.body);
    if (!input.ok) return sendError(res, 400, { code: 'BAD_REQUEST', message: input.message });
    const reply = await app.dispatch(route.procedure, input.input, principal);
    const status = reply.ok ? 200 : HTTP_STATUS[reply.error.code];
    res.status(status).json(reply);
    if (route.method !== 'GET') {
      try {
        app.bridge.recordCall(client, route.procedure, { method: route.method, path: req.path.slice(0, 300), status, ...(reply.ok ? {} : { error: reply.error.code }) });
      } catch (err) {
        app.logger.error('a bridge call could not be audited', { procedure: route.procedure, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  // A known path with another method: 405 and what it takes; anything else: 404.
  const allowed = new Map<string, Set<string>>([['/v1/pair', new Set(['POST'])], ['/v1/pair/:requestId', new Set(['GET'])], ['/v1/events', new Set(['GET'])], ['/v1/openapi.json', new Set(['GET'])]]);
  for (const route of routes) allowed.set(`/v1${route.path}`, (allowed.get(`/v1${route.path}`) ?? new Set()).add(route.method));
  for (const [path, methods] of allowed) {
    web.all(path, (_req, res) => {
      res.setHeader('Allow', [...methods].join(', '));
      sendError(res, 405, { code: 'BAD_REQUEST', message: `Use ${[...methods].join(' or ')} here.` });
    });
  }
  web.use((_req, res) => sendError(res, 404, { code: 'NOT_FOUND', message: 'There is no such route.', hint: `See ${options.baseUrl()}/openapi.json.` }));

  // What express itself throws (a path that does not decode): a 4xx as it says; anything else is a bug, logged.
  const onError: ErrorRequestHandler = (err: { status?: number }, _req, res, _next) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) app.logger.error('bridge request failed', { error: String(err) });
    if (res.headersSent) return void res.end();
    sendError(res, status, status === 500 ? { code: 'INTERNAL', message: 'Something went wrong inside Aura Work.' } : { code: 'BAD_REQUEST', message: 'The request could not be read.' });
  };
  web.use(onError);

  return {
    web,
    close() {
      streams.close();
      for (const { store } of limiters) store.shutdown();
    },
  };
}
