import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { AuraError } from '../../shared/errors';
import { MCP_LIMITS, McpServerConfig, type McpAddInput } from '../../shared/mcp';

/** System folders the sandbox binds anyway: a program there needs nothing more. */
const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/opt', '/nix', '/etc'];

const bad = (message: string, hint?: string) => new AuraError('INVALID_INPUT', message, hint);

/** `KEY=VALUE` pairs, as `--env` gives them. */
function parseEnv(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw bad(`--env ${pair.slice(0, 40)} is not KEY=VALUE.`, 'For example: --env GITHUB_TOKEN=ghp_…');
    const name = pair.slice(0, at);
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)) throw bad(`--env ${name.slice(0, 40)}: that is not a variable name.`, 'Letters, digits and _, not starting with a digit.');
    env[name] = pair.slice(at + 1);
  }
  return env;
}

/** `Name: value` pairs, as `--header` gives them. */
function parseHeaders(pairs: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf(':');
    if (at <= 0) throw bad(`--header ${pair.slice(0, 40)} is not "Name: value".`, "For example: --header 'Authorization: Bearer …'");
    const name = pair.slice(0, at).trim();
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/.test(name)) throw bad(`--header ${name.slice(0, 40)}: that is not a header name.`);
    headers[name] = pair.slice(at + 1).trim();
  }
  return headers;
}

/** A folder given with --read or --write: absolute (the CLI resolved it) and there. */
function folder(path: string, flag: string): string {
  if (!isAbsolute(path)) throw bad(`${flag} ${path} is not an absolute path.`);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw bad(`${flag} ${path} is not a folder.`, 'Give a folder that exists.');
  return realpathSync(path);
}

/**
 * The folder a program given by its path needs to read to run: for a script inside node_modules, that whole
 * node_modules (its packages import each other from it); otherwise the script's own folder. Nothing for
 * programs in the system folders (bound anyway), and never a folder that is or holds the home folder.
 */
export function programFolder(path: string, home: string): string | null {
  if (!isAbsolute(path) || !existsSync(path) || !statSync(path).isFile()) return null;
  const real = realpathSync(path);
  if (SYSTEM.some((dir) => real.startsWith(`${dir}/`))) return null;
  const parts = real.split(sep);
  const at = parts.indexOf('node_modules');
  const dir = at > 0 ? parts.slice(0, at + 1).join(sep) : dirname(real);
  const homeReal = existsSync(home) ? realpathSync(home) : home;
  if (dir === '/' || homeReal === dir || homeReal.startsWith(`${dir}/`)) return null;
  return dir;
}

/**
 * Turns what the user typed (`aura mcp add`, the Plugins page, an imported file) into a server's config:
 * exactly one of a command and a URL; variables and headers parsed; relative paths in the command line made
 * absolute from where the user typed it (the server runs in a folder of its own); the program's folder made
 * readable in the sandbox, so the command the user gave runs as given.
 */
export function configFromInput(input: McpAddInput, home: string): McpServerConfig {
  if (input.command && input.url) throw bad('Give a command or a --url, not both.', 'aura mcp add NAME -- COMMAND [ARGS…]  or  aura mcp add NAME --url URL');
  if (!input.command && !input.url) throw bad('Say how to reach the server: a command after --, or --url.', 'aura mcp add NAME [--env K=V] -- COMMAND [ARGS…]  or  aura mcp add NAME --url URL');
  const timeoutMs = input.timeoutMs ?? MCP_LIMITS.defaultTimeoutMs;
  if (input.url) {
    if (input.env.length || input.read.length || input.write.length || input.network || input.sandbox === 'off') throw bad('--env, --read, --write, --network and --sandbox are for servers run from a command, not for a --url.');
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw bad(`${input.url.slice(0, 200)} is not a URL.`, 'For example: --url https://mcp.example.com/mcp');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('An MCP server URL starts with https:// (or http://).');
    return McpServerConfig.parse({ name: input.name, enabled: true, timeoutMs, transport: { kind: 'http', url: url.toString(), headers: parseHeaders(input.header) } });
  }
  if (input.header.length) throw bad('--header is for servers at a --url.');
  const cwd = input.cwd;
  // `node ./server.js` typed in a project: the server runs in its own folder, so the path is made absolute.
  const command = input.command!.map((arg, index) => (cwd && (arg.startsWith('./') || arg.startsWith('../') || (index > 0 && !arg.startsWith('-') && arg.includes('/') && !isAbsolute(arg))) && existsSync(resolve(cwd, arg)) ? resolve(cwd, arg) : arg));
  const readable = [...new Set([...command.map((arg) => programFolder(arg, home)).filter((dir): dir is string => dir !== null), ...input.read.map((path) => folder(path, '--read'))])];
  const transport = { kind: 'stdio' as const, command, env: parseEnv(input.env), sandbox: input.sandbox === 'on', network: input.network, readable, writable: [...new Set(input.write.map((path) => folder(path, '--write')))] };
  const parsed = McpServerConfig.safeParse({ name: input.name, enabled: true, timeoutMs, transport });
  if (!parsed.success) throw bad(`The server's settings are not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}.`);
  return parsed.data;
}
