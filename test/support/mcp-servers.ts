import { join } from 'node:path';
import type { AuraApp } from '../../src/core/app';
import { OWNER_CLI } from '../../src/shared/auth';
import type { McpServerInfo } from '../../src/shared/mcp';
import { eventually } from './eventually';
import { REPO_ROOT } from './launch-host';

/** The reference servers no one here wrote, as installed (devDependencies), and the repo's fixture server. */
const modules = join(REPO_ROOT, 'node_modules');
export const NODE_MODULES = modules;
export const EVERYTHING = join(modules, '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
export const FILESYSTEM = join(modules, '@modelcontextprotocol', 'server-filesystem', 'dist', 'index.js');
export const MEMORY = join(modules, '@modelcontextprotocol', 'server-memory', 'dist', 'index.js');
/** See the file for its modes (changing, crash, hang, flood); it imports the SDK, so node_modules must be readable. */
export const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'mcp', 'fixture-server.mjs');

/** A procedure as the owner at a terminal calls it; its error thrown as `code: message`. */
export async function ownerCall<T = unknown>(app: AuraApp, method: string, input: unknown): Promise<T> {
  const reply = await app.dispatch(method, input, OWNER_CLI);
  if (!reply.ok) throw Object.assign(new Error(`${reply.error.code}: ${reply.error.message}`), { code: reply.error.code, hint: reply.error.hint });
  return reply.result as T;
}

export const serverInfo = async (app: AuraApp, name: string) => (await ownerCall<McpServerInfo[]>(app, 'mcp.list', {})).find((server) => server.name === name)!;

/** Waits for a server's state (its status, a held tool…), within the time given. */
export function serverState(app: AuraApp, name: string, accept: (server: McpServerInfo) => boolean, timeoutMs = 20_000): Promise<McpServerInfo> {
  return eventually(() => serverInfo(app, name), accept, timeoutMs);
}
