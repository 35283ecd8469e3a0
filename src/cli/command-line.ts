import type { LocalClient } from '../core/host/local-client';
import { CliError, exitCodeFor } from './cli-error';
import { connectOrStartHost } from './host-connection';
import type { CliManifest } from './manifest';
import { parseCommandLine, usageLine } from './parse-command';
import { printResult } from './print-result';
import { GLOBALS_TAKEN, shapeInput } from './shape-input';
import { hostCommand, HOST_COMMANDS } from './host-commands';
import { commandHelp, overallHelp } from './help';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The built app (dist/), whose start.js a background host runs. */
  distDir: string;
  /** Ctrl-C, SIGTERM: a followed task is cancelled on the host; the exit code is then 130. */
  stop?: AbortSignal | undefined;
}

/**
 * Runs one command line as a client of the host: the command, its arguments and its help come from the
 * contract (the manifest built from it); the call goes to the host over the local socket.
 */
export async function runCommandLine(manifest: CliManifest, argv: string[], io: CliIo): Promise<number> {
  let client: LocalClient | undefined;
  try {
    const host = HOST_COMMANDS[argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')];
    if (host && !argv.includes('--help') && !argv.includes('-h')) return await hostCommand(host, argv.includes('--json'), io);
    // `aura mcp serve`: a long-lived MCP server on stdio, not one call (src/cli/mcp-serve.ts).
    if (argv[0] === 'mcp' && argv[1] === 'serve' && argv.length <= 3) {
      const { serveMcp, SERVE_HELP } = await import('./mcp-serve');
      if (argv.length === 2) return await serveMcp(io, manifest.version);
      if (argv[2] === '--help' || argv[2] === '-h') return io.out(SERVE_HELP), 0;
    }
    const parsed = parseCommandLine(manifest, argv, GLOBALS_TAKEN);
    if (!('spec' in parsed)) {
      const help = commandHelp(manifest, parsed.words) ?? overallHelp(manifest);
      io.out(help);
      return 0;
    }
    const { spec, input: given, globals } = parsed;
    const taken = new Set(GLOBALS_TAKEN[spec.procedure] ?? []);
    for (const name of ['yes', 'workspace', 'profile', 'provider', 'model', 'baseUrl'] as const) {
      if (globals[name] && !taken.has(name)) throw new CliError('BAD_REQUEST', `\`aura ${spec.words.join(' ')}\` does not take --${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.`, `Usage: ${usageLine(spec)}`);
    }
    const input = await shapeInput(spec.procedure, given, globals, io.cwd, io.env);
    const missing = spec.options.filter((o) => o.required && input[o.field] === undefined);
    if (missing.length) throw new CliError('BAD_REQUEST', `Missing ${missing.map((o) => o.field).join(', ')}.`, `Usage: ${usageLine(spec)}`);

    client = await connectOrStartHost(io.env, io.distDir);
    const connected = client;
    const call = async (method: string, callInput: unknown) => {
      const reply = await connected.call(method, callInput);
      if (!reply.ok) throw new CliError(reply.error.code, reply.error.message, reply.error.hint);
      return reply.result;
    };
    if (spec.follow) {
      const [{ followTask }, { readWholeTask }] = await Promise.all([import('./follow-task'), import('./show-task')]);
      const readWhole = (id: string) => readWholeTask(call, id, { fullOutputs: true });
      return await followTask(connected, () => call(spec.procedure, input) as never, { json: globals.json, out: io.out, stop: io.stop, readWhole });
    }
    if (spec.procedure === 'tasks.get') {
      const { showTask } = await import('./show-task');
      return await showTask(call, String(input.id), globals.json, io.out);
    }
    return printResult(spec.procedure, await callAskingFirst(call, spec.procedure, input), globals.json, io.out);
  } catch (error) {
    const { HostGone } = await import('../core/host/local-client');
    if (error instanceof HostGone) {
      io.err(`aura: ${error.message}\nHint: the next command starts a host again; check with \`aura host status\`.`);
      return 1;
    }
    if (error instanceof CliError) {
      io.err(`aura: ${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`);
      return io.stop?.aborted ? 130 : exitCodeFor(error.code);
    }
    io.err(`aura: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    client?.close();
  }
}

/** `tools.call` that would ask: asked here, on the terminal, then sent again with the answer. */
async function callAskingFirst(call: (method: string, input: unknown) => Promise<unknown>, procedure: string, input: Record<string, unknown>): Promise<unknown> {
  try {
    return await call(procedure, input);
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== 'APPROVAL_REQUIRED' || procedure !== 'tools.call' || !process.stdin.isTTY) throw error;
    const { confirm } = await import('./confirm');
    if (!(await confirm(`Allow ${String(input.name)} ${JSON.stringify(input.input ?? {}).slice(0, 300)}?`))) throw error;
    return call(procedure, { ...input, confirmed: true });
  }
}
