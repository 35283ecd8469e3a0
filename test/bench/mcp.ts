import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { OWNER_CLI } from '../../src/shared/auth';
import type { McpServerInfo } from '../../src/shared/mcp';
import { EVERYTHING } from '../support/mcp-servers';
import { openTempApp } from '../support/temp-app';

const WARM_UP = 50;

async function timed(calls: number, once: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < calls + WARM_UP; i += 1) {
    const started = performance.now();
    await once();
    samples.push(performance.now() - started);
  }
  return samples.slice(WARM_UP);
}

/**
 * MCP figures against the reference everything server: an echo through the registry (the tool's run: input
 * check, the MCP worker's relay, the sandboxed server), through the tool runner as the agent calls it (gate
 * and audit write too), and through the SDK alone over plain stdio for comparison; and how long a server
 * takes from start to its tools listed (the worker already running: a restart; and the first, cold).
 */
export async function mcpFigures(calls = 2000): Promise<{ registryMs: number[]; runnerMs: number[]; sdkMs: number[]; coldMs: number; startMs: number[] }> {
  const app = openTempApp(undefined, { env: { PATH: process.env.PATH ?? '' } });
  try {
    const coldStarted = performance.now();
    const added = await app.dispatch('mcp.add', { name: 'everything', command: [process.execPath, EVERYTHING] }, OWNER_CLI);
    const coldMs = performance.now() - coldStarted;
    if (!added.ok || (added.result as McpServerInfo).status !== 'ready') throw new Error(`the everything server did not start: ${JSON.stringify(added)}`);
    const echo = app.tools.get('mcp__everything__echo')!;
    const ctx = { roots: [app.home], signal: new AbortController().signal, actor: 'bench', taskId: null };
    const registryMs = await timed(calls, () => echo.run({ message: 'hi' }, ctx));
    const runnerMs = await timed(calls / 4, () => app.runner.call({ name: 'mcp__everything__echo', input: { message: 'hi' }, ctx, profile: 'ask', approve: async () => false }));

    const startMs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const restarted = await app.dispatch('mcp.restart', { name: 'everything' }, OWNER_CLI);
      if (!restarted.ok || (restarted.result as McpServerInfo).tools.length === 0) throw new Error('the everything server did not list its tools after a restart');
      startMs.push(performance.now() - started);
    }

    const client = new Client({ name: 'bench', version: '1' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [EVERYTHING], stderr: 'ignore' }));
    const sdkMs = await timed(calls, () => client.callTool({ name: 'echo', arguments: { message: 'hi' } }));
    await client.close();
    return { registryMs, runnerMs, sdkMs, coldMs, startMs };
  } finally {
    await app.dispose();
  }
}
