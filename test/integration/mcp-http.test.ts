import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createInterface } from 'node:readline';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { mcpAuthRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import type { McpServerInfo } from '../../src/shared/mcp';
import { EVERYTHING, ownerCall, serverState } from '../support/mcp-servers';
import { openTempApp } from '../support/temp-app';

// Servers at a URL: the reference everything server over streamable HTTP, and over the older HTTP+SSE transport
// (Aura falls back to it); a server that wants a header; and one behind OAuth (the SDK's own authorization server
// code with its demo provider), signed in through the loopback address the sign-in page sends the user back to.

jest.setTimeout(60_000);

const app = openTempApp(undefined, { env: { PATH: process.env.PATH ?? '' } });
const call = <T = unknown>(method: string, input: unknown) => ownerCall<T>(app, method, input);
const children: ChildProcess[] = [];
const servers: Server[] = [];

afterAll(async () => {
  for (const child of children) child.kill();
  for (const server of servers) server.close();
  await app.dispose();
});

/** A free port, then the everything server on it over `transport`, once it says it listens. */
async function everything(transport: 'streamableHttp' | 'sse'): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  const child = spawn(process.execPath, [EVERYTHING, transport], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stderr! }).on('line', (line) => /listening on port|running on port/i.test(line) && resolve());
    child.once('exit', (code) => reject(new Error(`the everything server exited (${code})`)));
  });
  return port;
}

/** An HTTP MCP server of our own with one tool, answering only requests that `allow` lets through. */
async function ownServer(mount: (web: express.Express, base: string) => express.RequestHandler[]): Promise<{ base: string; seen: string[] }> {
  const web = express();
  const http = createServer(web);
  servers.push(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const seen: string[] = [];
  const guards = mount(web, base);
  web.post('/mcp', express.json(), ...guards, async (req, res) => {
    seen.push(String(req.headers.authorization ?? ''));
    const server = new McpServer({ name: 'own', version: '1.0.0' });
    server.registerTool('whoami', { description: 'Says hello', inputSchema: {}, annotations: { readOnlyHint: true, openWorldHint: false } }, async () => ({ content: [{ type: 'text', text: 'hello from a guarded server' }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  return { base, seen };
}

describe('MCP servers at a URL', () => {
  it('speaks streamable HTTP to the reference server', async () => {
    const port = await everything('streamableHttp');
    const added = await call<McpServerInfo>('mcp.add', { name: 'remote', url: `http://127.0.0.1:${port}/mcp` });
    expect(added).toMatchObject({ status: 'ready', kind: 'http', url: `http://127.0.0.1:${port}/mcp` });
    expect(await call('tools.call', { name: 'mcp__remote__echo', input: { message: 'over http' }, workspacePath: app.home })).toEqual({ output: 'Echo: over http' });
  });

  it('falls back to HTTP+SSE for a server that only speaks that', async () => {
    const port = await everything('sse');
    const added = await call<McpServerInfo>('mcp.add', { name: 'older', url: `http://127.0.0.1:${port}/sse` });
    expect(added.status).toBe('ready');
    expect((await call<{ lines: string[] }>('mcp.logs', { name: 'older' })).lines.join('\n')).toContain('trying HTTP+SSE');
    expect(await call('tools.call', { name: 'mcp__older__echo', input: { message: 'over sse' }, workspacePath: app.home })).toEqual({ output: 'Echo: over sse' });
  });

  it('sends the headers the user set, and shows them by name only', async () => {
    const key = 'static-key-0123456789abcdef';
    const { base, seen } = await ownServer(() => [(req, res, next) => (req.headers.authorization === `Bearer ${key}` ? next() : void res.status(403).end())]);
    const added = await call<McpServerInfo>('mcp.add', { name: 'keyed', url: `${base}/mcp`, header: [`Authorization: Bearer ${key}`] });
    expect(added).toMatchObject({ status: 'ready', headerNames: ['Authorization'] });
    expect(seen.at(-1)).toBe(`Bearer ${key}`);
    expect(JSON.stringify(await call('mcp.list', {}))).not.toContain(key);
  });

  it('signs in where the server asks for OAuth: the sign-in address, the code back on the loopback, then tools', async () => {
    const provider = new DemoInMemoryAuthProvider();
    const { base, seen } = await ownServer((web, url) => {
      web.use(mcpAuthRouter({ provider, issuerUrl: new URL(url), resourceServerUrl: new URL(`${url}/mcp`), scopesSupported: ['mcp:tools'] }));
      return [requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(`${url}/mcp`)) })];
    });
    const waiting = await call<McpServerInfo>('mcp.add', { name: 'guarded', url: `${base}/mcp` });
    expect(waiting.status).toBe('needs_auth');
    expect(waiting.authUrl).toMatch(new RegExp(`^${base}/authorize\\?`));
    const redirect = new URL(waiting.authUrl!).searchParams.get('redirect_uri');
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    // The user opens the address; the (demo) server signs them in and sends the browser back to Aura.
    const signIn = await fetch(waiting.authUrl!, { redirect: 'manual' });
    const back = signIn.headers.get('location')!;
    expect(back.startsWith(redirect!)).toBe(true);
    const page = await fetch(back);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Aura Work is signed in to guarded');
    // A second use of the same code and state is refused.
    expect((await fetch(back)).status).toBe(400);

    const ready = await serverState(app, 'guarded', (server) => server.status === 'ready');
    // Its tools were listed only now, after the add: the user has not seen them, so they wait for approval.
    expect(ready.tools).toEqual([expect.objectContaining({ name: 'mcp__guarded__whoami', state: 'held' })]);
    expect(ready.pending).toEqual([expect.objectContaining({ tool: 'whoami', kind: 'new' })]);
    await call('mcp.approve', { name: 'guarded', hashes: [ready.pending[0]!.hash] });
    expect(await call('tools.call', { name: 'mcp__guarded__whoami', input: {}, workspacePath: app.home })).toEqual({ output: 'hello from a guarded server' });
    const token = seen.at(-1)!.replace(/^Bearer /, '');
    expect(token.length).toBeGreaterThan(10);
    // The token is kept (a restart needs no new sign-in) and never shown.
    expect(JSON.stringify(await call('mcp.list', {}))).not.toContain(token);
    expect(await call<McpServerInfo>('mcp.restart', { name: 'guarded' })).toMatchObject({ status: 'ready' });
  });
});
