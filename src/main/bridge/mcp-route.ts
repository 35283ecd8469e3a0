import type { RequestHandler, Response } from 'express';
import type { AuraApp } from '../../core/app';
import { mayCall } from '../../core/auth/access';
import type { Principal } from '../../shared/auth';
import { isProcedureName, procedures } from '../../shared/contract';
import { sendError } from './request-guards';
import type * as McpHttpModule from './mcp-http';

type McpHttp = typeof McpHttpModule;
let loaded: Promise<McpHttp> | undefined;

/**
 * `POST /v1/mcp`: Aura's task tools over MCP's streamable HTTP (docs/MCP.md), for a paired client. Stateless:
 * each request gets its own server, made for the client's principal, so each tool is a call of the contract
 * as that client, checked against its scopes by the dispatcher like its REST calls; tools its scopes do not
 * allow are not offered. Tasks run in the user's workspaces only. The token, Host and Origin were checked
 * before this handler, as for every /v1 route.
 */
export function mcpHandler(app: AuraApp, principalOf: (res: Response) => Principal): RequestHandler {
  return (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, { code: 'BAD_REQUEST', message: 'MCP here is stateless: POST each message.' });
    }
    const principal = principalOf(res);
    const options = {
      call: (method: string, input: unknown) => app.dispatch(method, input, principal),
      version: app.version,
      may: (procedure: string) => isProcedureName(procedure) && mayCall(principal, procedures[procedure].access),
      folder: null,
    };
    void (loaded ??= import('./mcp-http'))
      .then(({ answerMcp }) => answerMcp(options, req, res, req.body))
      .catch((err: unknown) => {
        app.logger.error('an MCP request on the bridge failed', { error: err instanceof Error ? err.message : String(err) });
        if (!res.headersSent) sendError(res, 500, { code: 'INTERNAL', message: 'Something went wrong inside Aura Work.' });
      });
  };
}
