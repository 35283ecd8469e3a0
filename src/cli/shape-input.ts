import { resolve } from 'node:path';
import { CliError } from './cli-error';
import type { GlobalOptions } from './parse-command';
import { optionalSecret, secretValue, vaultPassword } from './secret-input';

type Shaper = (input: Record<string, unknown>, globals: GlobalOptions, cwd: string, env: NodeJS.ProcessEnv) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** `--provider --model [--base-url]`: one model for every role of this task. */
function modelFrom(globals: GlobalOptions): Record<string, unknown> | undefined {
  if (!globals.provider && !globals.model && !globals.baseUrl) return undefined;
  if (!globals.provider || !globals.model) throw new CliError('BAD_REQUEST', '--provider and --model go together.', 'For example: --provider openai-compatible --base-url http://127.0.0.1:11434/v1 --model llama3.2');
  return { provider: globals.provider, model: globals.model, ...(globals.baseUrl ? { baseUrl: globals.baseUrl } : {}) };
}

function profileFrom(globals: GlobalOptions): string | undefined {
  if (globals.yes) return 'yes';
  // A profile's id, built in or the user's: the host says when there is none (`aura profiles list`).
  if (globals.profile !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(globals.profile)) throw new CliError('BAD_REQUEST', `Unknown profile "${globals.profile}".`, 'Give a profile\'s id, as `aura profiles list` shows it (read-only, ask, auto-edit, yes, or one of yours).');
  return globals.profile;
}

/**
 * The terminal's conventions on top of the derived fields: a task or a tool call works in `--workspace`
 * (else the current folder), `--yes` allows what would ask, `--provider/--model` choose one model.
 */
const SHAPERS: Record<string, Shaper> = {
  'tasks.create': (input, globals, cwd) => {
    const model = modelFrom(globals);
    const profile = profileFrom(globals);
    return { ...input, ...(input.workspaceId === undefined ? { workspacePath: resolve(cwd, globals.workspace ?? (input.workspacePath as string | undefined) ?? '.') } : {}), ...(profile ? { profile } : {}), ...(model ? { model } : {}) };
  },
  'tools.call': (input, globals, cwd) => {
    if (typeof input.input === 'string') throw new CliError('BAD_REQUEST', 'The tool input is not valid JSON.', `For example: aura tools call read '{"path":"README.md"}'`);
    return { ...input, workspacePath: resolve(cwd, globals.workspace ?? (input.workspacePath as string | undefined) ?? '.'), ...(globals.yes ? { approved: true } : {}) };
  },
  'backup.create': (input, _globals, cwd) => (typeof input.path === 'string' ? { ...input, path: resolve(cwd, input.path) } : input),
  'workspaces.add': (input, _globals, cwd) => (typeof input.path === 'string' ? { ...input, path: resolve(cwd, input.path) } : input),
  // MCP: folders and files relative to where the command was typed; a task from a prompt or a resource runs there too.
  'mcp.add': (input, _globals, cwd) => ({ ...input, cwd, ...(Array.isArray(input.read) ? { read: input.read.map((path) => resolve(cwd, String(path))) } : {}), ...(Array.isArray(input.write) ? { write: input.write.map((path) => resolve(cwd, String(path))) } : {}) }),
  'mcp.import': (input, _globals, cwd) => (typeof input.path === 'string' ? { ...input, path: resolve(cwd, input.path) } : input),
  'mcp.resources.attach': (input, globals, cwd) => ({ ...input, workspacePath: resolve(cwd, globals.workspace ?? '.') }),
  'mcp.prompts.run': (input, globals, cwd) => ({ ...input, workspacePath: resolve(cwd, globals.workspace ?? '.') }),
  // The vault's `secret` fields (never flags): asked on the terminal, or read from the environment or stdin.
  'vault.init': async (input, _globals, _cwd, env) => ({ ...input, password: await vaultPassword(env, 'AURA_VAULT_PASSWORD', true) }),
  'vault.unlock': async (input, _globals, _cwd, env) => ({ ...input, password: await vaultPassword(env, 'AURA_VAULT_PASSWORD', false) }),
  'vault.set': async (input) => ({ ...input, value: await secretValue() }),
  // A provider account's API key: AURA_PROVIDER_KEY, stdin, or asked (Enter: none, or keep the current one).
  'providers.accounts.add': async (input, _globals, _cwd, env) => withKey(input, await optionalSecret(env, 'AURA_PROVIDER_KEY', 'API key (not shown; Enter for none): ')),
  'providers.accounts.update': async (input, _globals, _cwd, env) => withKey(input, await optionalSecret(env, 'AURA_PROVIDER_KEY', 'New API key (not shown; Enter keeps the current one): ')),
  'vault.changePassword': async (input, _globals, _cwd, env) => ({ ...input, current: await vaultPassword(env, 'AURA_VAULT_PASSWORD', false), next: await vaultPassword(env, 'AURA_VAULT_NEW_PASSWORD', true) }),
};

const withKey = (input: Record<string, unknown>, apiKey: string | undefined) => (apiKey === undefined ? input : { ...input, apiKey });

export async function shapeInput(procedure: string, input: Record<string, unknown>, globals: GlobalOptions, cwd: string, env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const shaper = SHAPERS[procedure];
  return shaper ? shaper(input, globals, cwd, env) : input;
}

/** Which global options a command takes besides --json and --help; the others are refused, not ignored. */
export const GLOBALS_TAKEN: Record<string, (keyof GlobalOptions)[]> = {
  'tasks.create': ['workspace', 'profile', 'provider', 'model', 'baseUrl', 'yes'],
  'tasks.resume': ['yes'],
  'tools.call': ['workspace', 'yes'],
  'mcp.resources.attach': ['workspace'],
  'mcp.prompts.run': ['workspace'],
};
