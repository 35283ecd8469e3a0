import { OWNER_UI } from '../../shared/auth';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AuraApp } from '../../core/app';
import type { ErrorShape } from '../../shared/errors';
import { AccessGuard } from './access-guard';
import { headlessCsp } from './csp';
import { HTTP_STATUS } from './http-status';
import { SocketBridge } from './socket-bridge';
import { listenOnLoopback } from '../host/listen-loopback';

export interface HeadlessServerOptions {
  app: AuraApp;
  port: number;
  token: string;
  /** The built renderer (index.html + assets). */
  rendererDir: string;
}

export interface HeadlessServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const sendError = (res: express.Response, status: number, error: ErrorShape) => res.status(status).json({ ok: false, error });

/** Serves the renderer and the contract on 127.0.0.1 only; every API call needs the launch token. */
export async function startHeadlessServer({ app, port, token, rendererDir }: HeadlessServerOptions): Promise<HeadlessServer> {
  const indexHtml = join(rendererDir, 'index.html');
  if (!existsSync(indexHtml)) throw new Error(`The renderer is not built (${indexHtml} is missing). Run \`npm run build\` first.`);

  let boundPort = port;
  const guard = new AccessGuard(token, () => boundPort);
  const web = express();
  web.disable('x-powered-by');
  web.set('etag', false);

  const hostCheck: RequestHandler = (req, res, next) => {
    if (!guard.hostAllowed(req.headers.host)) return sendError(res, 403, { code: 'FORBIDDEN', message: 'This host name is not allowed.', hint: `Open http://127.0.0.1:${boundPort}/ instead.` });
    // Every response carries the page's policy, `/index.html` and the assets too, not only the routes that
    // send the page: whatever is served from this origin runs under the same rules.
    res.setHeader('Content-Security-Policy', headlessCsp(boundPort));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    next();
  };
  const originCheck: RequestHandler = (req, res, next) => {
    if (!guard.originAllowed(req.headers.origin)) return sendError(res, 403, { code: 'FORBIDDEN', message: 'Requests from other web sites are not allowed.' });
    next();
  };
  const tokenCheck: RequestHandler = (req, res, next) => {
    if (!guard.bearerValid(req.headers.authorization)) {
      return sendError(res, 401, { code: 'UNAUTHORIZED', message: 'A valid token is required.', hint: 'Use the token printed by `npm start` as "Authorization: Bearer <token>".' });
    }
    next();
  };

  web.use(hostCheck);
  web.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  web.post(
    '/api/rpc/:method',
    originCheck,
    tokenCheck,
    (req, res, next) => (req.is('application/json') ? next() : sendError(res, 415, { code: 'BAD_REQUEST', message: 'Send the input as application/json.' })),
    express.json({ limit: '1mb', strict: false }),
    async (req, res) => {
      const reply = await app.dispatch(req.params.method, req.body, OWNER_UI);
      res.status(reply.ok ? 200 : HTTP_STATUS[reply.error.code]).json(reply);
    },
  );
  web.use('/api', (_req, res) => sendError(res, 404, { code: 'NOT_FOUND', message: 'There is no such API route.' }));
  web.use(express.static(rendererDir, { index: false, fallthrough: true, dotfiles: 'deny' }));
  web.get(/.*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(indexHtml);
  });
  const onError: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, _next) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) app.logger.error('request failed', { error: String(err) });
    const message = err.type === 'entity.too.large' ? 'The request body is too large.' : status === 500 ? 'Something went wrong inside Aura Work.' : 'The request body is not valid JSON.';
    sendError(res, status, { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST', message });
  };
  web.use(onError);

  const server: Server = createServer(web);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const sockets = new SocketBridge(app, guard);
  server.on('upgrade', (request, socket, head) => sockets.handleUpgrade(request, socket, head));

  boundPort = await listenOnLoopback(server, port);

  return {
    port: boundPort,
    url: `http://127.0.0.1:${boundPort}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
