import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { McpServerInfo } from '../../src/shared/mcp';
import { aura, CLI, cliEnv, stopHost } from '../support/aura-cli';
import { EVERYTHING, FIXTURE, MEMORY, NODE_MODULES } from '../support/mcp-servers';
import { tempDir } from '../support/temp-app';

// `aura mcp …` from the built CLI against a background host, as a user types it; and `aura mcp serve` driven
// by the SDK's own client over stdio, as any MCP client (Claude Desktop, an editor) would run it.

jest.setTimeout(120_000);

const home = tempDir('aura-mcp-cli-');
const ws = realpathSync(tempDir('aura-mcp-cli-ws-'));
const fixtureDir = realpathSync(tempDir('aura-mcp-cli-fixture-'));
afterAll(() => stopHost(home));

describe('aura mcp on the terminal', () => {
  it('add everything -- node …/server-everything/dist/index.js makes mcp__everything__echo callable with aura tools call', async () => {
    const added = await aura(home, ['mcp', 'add', 'everything', '--env', 'GREETING=hello', '--', process.execPath, EVERYTHING]);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added everything.');
    expect(added.out).toMatch(/mcp__everything__echo\s+read\s+Echoes back the input string/);
    expect(added.out).toContain('in its sandbox; no network');
    expect(added.out).toContain('variables: GREETING');

    expect(await aura(home, ['tools', 'call', 'mcp__everything__echo', '{"message":"from the terminal"}'])).toMatchObject({ code: 0, out: 'Echo: from the terminal\n' });
    const listed = JSON.parse((await aura(home, ['mcp', 'list', '--json'])).out) as McpServerInfo[];
    expect(listed).toEqual([expect.objectContaining({ name: 'everything', status: 'ready', envNames: ['GREETING'] })]);
  });

  it('holds a changed definition, not even --yes runs it, and aura mcp approve shows and approves the diff', async () => {
    writeFileSync(join(fixtureDir, 'description.txt'), 'Echoes the message back');
    const env = ['--env', 'FIXTURE_MODE=changing', '--env', `FIXTURE_DIR=${fixtureDir}`, '--read', NODE_MODULES, '--write', fixtureDir];
    expect((await aura(home, ['mcp', 'add', 'changing', ...env, '--', process.execPath, FIXTURE])).code).toBe(0);
    writeFileSync(join(fixtureDir, 'description.txt'), 'Echoes the message back, and mails it to someone.');
    expect((await aura(home, ['mcp', 'restart', 'changing'])).code).toBe(0);

    const refused = await aura(home, ['tools', 'call', 'mcp__changing__echo', '{"message":"x"}', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('mcp__changing__echo is held');
    expect(refused.err).toContain('aura mcp approve changing');

    const list = await aura(home, ['mcp', 'list']);
    expect(list.out).toMatch(/HELD mcp__changing__echo/);
    expect(list.out).toContain('+  "description": "Echoes the message back, and mails it to someone."');

    const approved = await aura(home, ['mcp', 'approve', 'changing']);
    expect(approved).toMatchObject({ code: 0 });
    expect(approved.out).toContain('Approved 1 definition of changing');
    expect(approved.out).toContain('-  "description": "Echoes the message back",');
    expect(await aura(home, ['tools', 'call', 'mcp__changing__echo', '{"message":"ok"}'])).toMatchObject({ code: 0, out: 'echo: ok\n' });
    expect((await aura(home, ['mcp', 'approve', 'changing'])).out).toContain('Nothing of changing was waiting for approval.');
  });

  it('imports the mcpServers JSON other clients use, saying what it skipped', async () => {
    const file = join(ws, 'claude_desktop_config.json');
    writeFileSync(file, JSON.stringify({ mcpServers: { memory: { command: process.execPath, args: [MEMORY], env: { MEMORY_FILE_PATH: join(home, 'mcp', 'memory', 'graph.jsonl') } }, sockets: { type: 'websocket', url: 'ws://127.0.0.1:1' } } }));
    const imported = await aura(home, ['mcp', 'import', file]);
    expect(imported.out).toContain('Added memory');
    expect(imported.out).toMatch(/Skipped sockets: its type "websocket"/);
    expect(imported.code).toBe(1);
    expect((await aura(home, ['tools', 'call', 'mcp__memory__read_graph', '{}'])).code).toBe(0);
  });

  it('says what is wrong with a command line, and how to write it', async () => {
    const none = await aura(home, ['mcp', 'add', 'nothing']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('a command after --, or --url');
    expect(none.err).toContain('Hint: aura mcp add NAME');
    const badName = await aura(home, ['mcp', 'add', 'no spaces!', '--', 'x']);
    expect(badName.err).toMatch(/name/);
    const twice = await aura(home, ['mcp', 'add', 'Everything', '--', 'x']);
    expect(twice.err).toContain('There is an MCP server named Everything already');
    expect((await aura(home, ['mcp', 'remove', 'nothing-here'])).out).toContain('There was no such server.');
    expect(await aura(home, ['mcp', 'serve', '--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Usage: aura mcp serve') });
  });
});

describe('aura mcp serve', () => {
  it('offers Aura’s task tools to an MCP client over stdio, working in the folder it was started in', async () => {
    const client = new Client({ name: 'test-editor', version: '1.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve'], env: cliEnv(home), cwd: ws, stderr: 'pipe' });
    await client.connect(transport);
    try {
      const tools = (await client.listTools()).tools;
      expect(tools.map((t) => t.name).sort()).toEqual(['answer_approval', 'cancel_task', 'get_task', 'list_approvals', 'list_tasks', 'start_task']);
      expect(tools.find((t) => t.name === 'get_task')?.annotations?.readOnlyHint).toBe(true);

      type Structured<T> = { structuredContent: T };
      const structured = async <T>(name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as unknown as Structured<T>;
      const started = await structured<{ taskId: string; workspace: string }>('start_task', { goal: 'List the files here', profile: 'read-only' });
      expect(started.structuredContent.workspace).toBe(ws);
      const read = await structured<{ task: { id: string; goal: string } }>('get_task', { task_id: started.structuredContent.taskId });
      expect(read.structuredContent.task).toMatchObject({ id: started.structuredContent.taskId, goal: 'List the files here' });
      const listed = await structured<{ tasks: { id: string }[] }>('list_tasks', {});
      expect(listed.structuredContent.tasks.map((t) => t.id)).toContain(started.structuredContent.taskId);
      // An agent cannot switch a task's approvals off.
      const yes = (await client.callTool({ name: 'start_task', arguments: { goal: 'x', profile: 'yes' } })) as { isError?: boolean };
      expect(yes.isError).toBe(true);
    } finally {
      await client.close();
    }
  });
});
