// The MCP worker, built to dist/workers/mcp.js: every stdio MCP server runs from here, each in a bubblewrap
// sandbox of its own (src/workers/vm/sandbox-policy.ts) unless the user granted it to run outside. It only
// relays: the MCP client itself (the SDK) runs in the host, which sends and receives whole messages.
import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { AuraError } from '../../shared/errors';
import { MCP_WORKER_METHODS, type McpServerOutput } from '../../shared/mcp';
import { SHELL_LIMITS, type SandboxProbe } from '../../shared/vm';
import { serveWorker } from '../worker-runtime';
import { createProcessLimiter } from '../vm/process-limit';
import { systemProgram } from '../vm/sandbox-facts';
import type { SandboxTools } from '../vm/sandbox-process';
import { probeSandbox } from '../vm/sandbox-probe';
import { cachedUnlessFailed } from '../vm/worker-cache';
import { ServerProcess } from './server-process';

// As in the VM worker: AURA_VM_SANDBOX=none runs as if bubblewrap were missing (it only makes things stricter).
const turnedOff = process.env.AURA_VM_SANDBOX === 'none';
const bwrap = turnedOff ? null : systemProgram('bwrap');
const bash = systemProgram('bash');
const limiter = createProcessLimiter(SHELL_LIMITS.processes);
const bwrapHelp = bwrap === null ? '' : spawnSync(bwrap, ['--help'], { encoding: 'utf8' }).stdout;
const tools = (sandbox: string | null): SandboxTools => ({
  bwrap: sandbox,
  disableUserns: bwrapHelp.includes('--disable-userns'),
  sizedTmpfs: bwrapHelp.includes('--size'),
  limiter,
  path: process.env.PATH || '/usr/local/bin:/usr/bin:/bin',
  lang: process.env.LANG || 'C.UTF-8',
});
const probe: () => Promise<SandboxProbe> = cachedUnlessFailed(
  () => probeSandbox(tools(bwrap), bash, null, process.env.HOME || homedir(), turnedOff ? 'The sandbox is turned off for this run (AURA_VM_SANDBOX=none).' : undefined),
  (err) => new AuraError('IO_ERROR', `The sandbox self-test could not run: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`, `Check that ${tmpdir()} exists, is writable and has free space, then try again.`),
);

const servers = new Map<string, ServerProcess>();

serveWorker(MCP_WORKER_METHODS, {
  async 'mcp.run'({ session, sandbox, sandboxed, command, env }, { signal, progress }) {
    if (servers.has(session)) throw new AuraError('CONFLICT', 'That server is running already.');
    if (!bash) throw new AuraError('IO_ERROR', 'bash was not found in /usr/bin or /bin.');
    if (sandboxed) {
      const probed = await probe();
      // Fail closed: a server the user did not grant more never runs outside a sandbox.
      if (probed.sandbox !== 'bubblewrap') {
        throw new AuraError('FORBIDDEN', `MCP servers run in a sandbox, and there is none here: ${probed.reason ?? 'no sandbox.'}`, 'See Settings → Readiness for what the sandbox needs; or, for a server you trust, add it again with --sandbox off.');
      }
    }
    let server: ServerProcess;
    try {
      server = new ServerProcess({ sandbox, tools: tools(sandboxed ? bwrap : null), bash, command, env, output: (data: McpServerOutput) => progress(data) });
    } catch (err) {
      throw err instanceof AuraError ? err : new AuraError('IO_ERROR', `The server could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    servers.set(session, server);
    progress({ started: true });
    const stop = () => void server.kill();
    signal.addEventListener('abort', stop, { once: true });
    try {
      return await server.exited;
    } finally {
      signal.removeEventListener('abort', stop);
      servers.delete(session);
    }
  },
  async 'mcp.send'({ session, messages }) {
    return { sent: servers.get(session)?.send(messages) ?? false };
  },
});
