import type { CliIo } from './command-line';
import { connectOrStartHost } from './host-connection';

/** `aura mcp serve --help`. */
export const SERVE_HELP = [
  'Serve Aura Work\'s task tools to an MCP client over stdio: start_task, get_task, list_tasks, list_approvals,',
  'answer_approval, cancel_task. Tasks without a workspace run in the folder this was started in.',
  '',
  'Usage: aura mcp serve',
  '',
  'In an MCP client\'s config: {"mcpServers": {"aura": {"command": "aura", "args": ["mcp", "serve"]}}}',
].join('\n');

/**
 * `aura mcp serve`: Aura's task tools over stdio for any MCP client (its `mcpServers` entry runs this
 * command). A client of the host like every command: each tool is a call over the local socket, as the owner
 * at a terminal. Stdout carries the protocol alone; anything said to a person goes to stderr. It serves
 * until the client closes stdin, the host stops, or it is told to stop (SIGINT, SIGTERM).
 */
export async function serveMcp(io: CliIo, version: string): Promise<number> {
  const client = await connectOrStartHost(io.env, io.distDir);
  const [{ createAuraMcpServer }, { StdioServerTransport }] = await Promise.all([import('../core/mcp/aura-mcp-server'), import('@modelcontextprotocol/sdk/server/stdio.js')]);
  const server = createAuraMcpServer({ call: (method, input) => client.call(method, input), version, may: () => true, folder: io.cwd });
  const transport = new StdioServerTransport();
  let ending = false;
  const ended = new Promise<number>((resolve) => {
    transport.onclose = () => resolve(0);
    process.stdin.once('end', () => resolve(0));
    client.onClose(() => {
      if (!ending) io.err('aura: the Aura Work host stopped; the MCP server ends with it.');
      resolve(1);
    });
    io.stop?.addEventListener('abort', () => resolve(0), { once: true });
  });
  await server.connect(transport);
  const code = await ended;
  ending = true;
  await server.close().catch(() => undefined);
  client.close();
  return code;
}
