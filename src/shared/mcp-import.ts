import type { McpAddInput } from './mcp';

/** One server of an imported file: what `mcp.add` would be given, or why it cannot be. */
export type ImportedServer = { name: string; input: McpAddInput } | { name: string; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
const stringRecord = (value: unknown): value is Record<string, string> => isRecord(value) && Object.values(value).every((item) => typeof item === 'string');

/**
 * The `mcpServers` JSON other clients use: Claude Desktop and Cursor (`{"mcpServers": {NAME: {command, args,
 * env} | {url, headers}}}`) and VS Code (`{"servers": {NAME: {type: "stdio" | "http" | "sse", …}}}`). A
 * server another client turned off (`disabled`) is skipped with the reason, as is anything Aura cannot run.
 */
export function parseServersFile(text: string, cwd: string | undefined): ImportedServer[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SyntaxError(`The file is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const servers = isRecord(json) ? (json.mcpServers ?? json.servers ?? (isRecord(json.mcp) ? json.mcp.servers : undefined)) : undefined;
  if (!isRecord(servers)) throw new SyntaxError('No "mcpServers" (or "servers") object in it.');
  return Object.entries(servers).map(([name, entry]): ImportedServer => {
    if (!isRecord(entry)) return { name, reason: 'its entry is not an object' };
    if (entry.disabled === true) return { name, reason: 'it is disabled in the file' };
    const base = { name, env: [], header: [], sandbox: 'on' as const, network: false, read: [], write: [], ...(cwd ? { cwd } : {}) };
    const type = typeof entry.type === 'string' ? entry.type : undefined;
    if (type !== undefined && !['stdio', 'http', 'sse', 'streamable-http', 'streamableHttp'].includes(type)) return { name, reason: `its type "${type}" is not one Aura Work speaks (stdio, http, sse)` };
    if (typeof entry.url === 'string' || type === 'http' || type === 'sse' || type === 'streamable-http' || type === 'streamableHttp') {
      if (typeof entry.url !== 'string') return { name, reason: 'it has no "url"' };
      if (entry.headers !== undefined && !stringRecord(entry.headers)) return { name, reason: '"headers" is not an object of strings' };
      return { name, input: { ...base, url: entry.url, header: Object.entries(entry.headers ?? {}).map(([key, value]) => `${key}: ${value}`) } };
    }
    if (typeof entry.command !== 'string' || !entry.command.trim()) return { name, reason: 'it has no "command"' };
    if (entry.args !== undefined && !strings(entry.args)) return { name, reason: '"args" is not a list of strings' };
    if (entry.env !== undefined && !stringRecord(entry.env)) return { name, reason: '"env" is not an object of strings' };
    const workingFolder = typeof entry.cwd === 'string' && entry.cwd.startsWith('/') ? entry.cwd : cwd;
    return {
      name,
      input: {
        ...base,
        ...(workingFolder ? { cwd: workingFolder } : {}),
        command: [entry.command, ...(entry.args ?? [])],
        env: Object.entries(entry.env ?? {}).map(([key, value]) => `${key}=${value}`),
      },
    };
  });
}
