import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createAuraMcpServer, type AuraMcpServerOptions } from '../../core/mcp/aura-mcp-server';

/**
 * Answers one MCP message over streamable HTTP, statelessly: a server made for this request's caller, on
 * a transport that answers in JSON, both closed with the response. Loaded with the first MCP request (the
 * SDK costs most of a second to load).
 */
export async function answerMcp(options: AuraMcpServerOptions, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  const server = createAuraMcpServer(options);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
