import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startBridge, type Bridge } from '../../src/main/bridge/bridge-server';
import type { Scope } from '../../src/shared/auth';
import { openHarness, type Harness } from '../support/agent-harness';
import { bridgeRequest } from '../support/bridge';
import { eventually } from '../support/eventually';
import { EVERYTHING } from '../support/mcp-servers';

// A task that uses an MCP tool end to end (the scripted LLM calls mcp__everything__echo, the call goes through
// the registry and the gate to the reference server in its sandbox), and Aura as an MCP server on the bridge
// (/v1/mcp) driven by the SDK's own client: a paired token's scopes decide which task tools it is offered, and
// an approval the task waits for is answered over MCP.

jest.setTimeout(60_000);

const PLAN = (...titles: string[]) => ({ text: JSON.stringify({ steps: titles.map((title) => ({ title, detail: `${title}.` })) }) });
const PASS = { text: '{"verdict":"pass","reasons":[]}' };

let h: Harness;
let bridge: Bridge;
let workspaceId: string;

beforeAll(async () => {
  h = await openHarness();
  await h.call('mcp.add', { name: 'everything', command: [process.execPath, EVERYTHING] });
  workspaceId = (await h.call<{ id: string }>('workspaces.add', { path: h.workspace, name: 'mcp' })).id;
  bridge = await startBridge({ app: h.app, port: 0 });
});
afterAll(async () => {
  await bridge.close();
  await h.close();
});

async function connect(scopes: Scope[], name: string): Promise<Client> {
  const { token } = await h.call<{ token: string }>('bridge.tokens.create', { name, scopes });
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${bridge.port}/v1/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}
const json = (result: unknown) => JSON.parse(((result as { content: { text: string }[] }).content[0]!).text) as Record<string, unknown>;

describe('a task that uses an MCP tool', () => {
  it('is offered the tool with its schema, calls it through the gate, and gets its output', async () => {
    h.llm.enqueue(PLAN('Echo it'), { toolCalls: [{ name: 'mcp__everything__echo', args: { message: 'via MCP' } }] }, { text: 'The server echoed it.' }, PASS);
    const task = await h.create({ goal: 'Echo "via MCP" with the everything server', profile: 'ask', model: h.ref('openai-compatible') });
    const detail = await h.finish(task.id);
    expect(detail.task.status).toBe('done');
    expect(detail.toolCalls[0]).toMatchObject({ name: 'mcp__everything__echo', status: 'done', risk: 'read', output: 'Echo: via MCP' });
    const offered = h.llm.requests.map((request) => JSON.stringify(request.body)).find((body) => body.includes('mcp__everything__echo'));
    expect(offered).toContain('Message to echo');
  });
});

describe('Aura as an MCP server on the bridge', () => {
  it('refuses a client without a token', async () => {
    const reply = await bridgeRequest(bridge.port, { method: 'POST', path: '/v1/mcp', body: { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} } });
    expect(reply.status).toBe(401);
  });

  it('answers hostile requests with a 4xx or an MCP error, never a 5xx, and never a call the token may not make', async () => {
    const { token } = await h.call<{ token: string }>('bridge.tokens.create', { name: 'mcp-hostile', scopes: ['tasks:read'] });
    const accept = { accept: 'application/json, text/event-stream' };
    const tasksBefore = h.app.tasks.list({ page: 1, pageSize: 1 }).total;
    const rpc = (method: string, params: unknown, id: unknown = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
    const bodies = [
      '{',
      '[]',
      '{}',
      '{"jsonrpc":"2.0"}',
      '"just a string"',
      rpc('tools/call', { name: 'start_task', arguments: { goal: 'not allowed' } }),
      rpc('tools/call', { name: 'answer_approval', arguments: { tool_call_id: '00000000-0000-4000-8000-000000000000', decision: 'once' } }),
      rpc('tools/call', { name: 'get_task', arguments: { task_id: '../../etc/passwd' } }),
      rpc('tools/call', { name: 'list_tasks', arguments: { page: -1, query: 'x'.repeat(5000) } }),
      rpc('tools/list', { cursor: { nested: true } }, { id: 'object' }),
      rpc('resources/list', {}),
      rpc('sampling/createMessage', {}),
      rpc('initialize', { protocolVersion: '1900-01-01', capabilities: null, clientInfo: 7 }),
      JSON.stringify([JSON.parse(rpc('tools/list', {})), JSON.parse(rpc('tools/list', {}, 2))]),
      `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    ];
    for (const rawBody of bodies) {
      const reply = await bridgeRequest(bridge.port, { method: 'POST', path: '/v1/mcp', token, rawBody, headers: accept });
      expect([rawBody.slice(0, 60), reply.status < 500]).toEqual([rawBody.slice(0, 60), true]);
      expect(reply.body).not.toMatch(/"isError":false/);
    }
    expect((await bridgeRequest(bridge.port, { method: 'POST', path: '/v1/mcp', token, rawBody: 'x'.repeat(70_000), headers: accept })).status).toBe(413);
    expect((await bridgeRequest(bridge.port, { method: 'POST', path: '/v1/mcp', token, rawBody: rpc('tools/list', {}), headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    for (const method of ['GET', 'DELETE', 'PUT']) expect((await bridgeRequest(bridge.port, { method, path: '/v1/mcp', token })).status).toBe(405);
    expect(h.app.tasks.list({ page: 1, pageSize: 1 }).total).toBe(tasksBefore);
  });

  it('offers a client only the tools its scopes allow', async () => {
    const reader = await connect(['tasks:read'], 'mcp-reader');
    expect((await reader.listTools()).tools.map((t) => t.name).sort()).toEqual(['get_task', 'list_tasks']);
    await reader.close();
    const full = await connect(['tasks:read', 'tasks:write', 'approvals'], 'mcp-full');
    expect((await full.listTools()).tools.map((t) => t.name).sort()).toEqual(['answer_approval', 'cancel_task', 'get_task', 'list_approvals', 'list_tasks', 'start_task']);
    // A task from a client runs in one of the user's workspaces; there is no folder to name.
    const start = (await full.listTools()).tools.find((t) => t.name === 'start_task');
    expect(Object.keys(start?.inputSchema.properties ?? {})).not.toContain('workspace_path');
    await full.close();
  });

  it('starts a task, follows it, and answers the approval it waits for', async () => {
    h.llm.enqueue(PLAN('Toggle logging'), { toolCalls: [{ name: 'mcp__everything__toggle_simulated_logging', args: {} }] }, { text: 'Logging toggled.' }, PASS);
    await h.call('settings.set', { key: 'modelRoutes', value: { planner: [h.ref('openai-compatible')], executor: [h.ref('openai-compatible')], reviewer: [h.ref('openai-compatible')] } });
    const client = await connect(['tasks:read', 'tasks:write', 'approvals'], 'mcp-agent');
    const started = json(await client.callTool({ name: 'start_task', arguments: { goal: 'Toggle the simulated logging', workspace_id: workspaceId, profile: 'ask' } }));
    const taskId = String(started.taskId);
    expect(started.workspace).toBe(h.workspace);

    // The MCP tool is an execute tool: the ask profile waits for the user, who answers through MCP here.
    const waiting = await eventually(
      async () => json(await client.callTool({ name: 'list_approvals', arguments: {} })),
      (reply) => (reply.approvals as unknown[]).length > 0,
      20_000,
    );
    const approval = (waiting.approvals as { toolCallId: string; tool: string; taskId: string }[])[0]!;
    expect(approval).toMatchObject({ tool: 'mcp__everything__toggle_simulated_logging', taskId });
    expect(json(await client.callTool({ name: 'get_task', arguments: { task_id: taskId } }))).toMatchObject({ task: { status: 'waiting_approval' }, waitingApprovals: [{ toolCallId: approval.toolCallId }] });
    await client.callTool({ name: 'answer_approval', arguments: { tool_call_id: approval.toolCallId, decision: 'once' } });

    await h.app.agent.settled(taskId);
    const done = json(await client.callTool({ name: 'get_task', arguments: { task_id: taskId } }));
    expect(done).toMatchObject({ task: { status: 'done' }, steps: [{ title: 'Toggle logging', status: 'done' }] });
    const listed = json(await client.callTool({ name: 'list_tasks', arguments: {} }));
    expect((listed.tasks as { id: string }[]).map((t) => t.id)).toContain(taskId);
    // What a client did is audited as that client.
    expect(h.app.tasks.get(taskId)).toMatchObject({ status: 'done' });
    expect(h.app.audit.list({ page: 1, pageSize: 50, action: 'task.create' }).entries.some((e) => e.actor === 'client:mcp-agent')).toBe(true);

    // A bad call is an MCP tool error with the reason, not a broken connection.
    const bad = (await client.callTool({ name: 'get_task', arguments: { task_id: '00000000-0000-4000-8000-000000000000' } })) as { isError?: boolean; content: { text: string }[] };
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toMatch(/NOT_FOUND/);
    await client.close();
  });
});
