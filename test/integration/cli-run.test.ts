import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aura as auraCli, cliEnv, stopHost } from '../support/aura-cli';
import { startScriptedLlm, loadScript, type ScriptedLlm } from '../support/llm-server';
import { launchHost, REPO_ROOT } from '../support/launch-host';
import { eventually } from '../support/eventually';
import { hostRpc } from '../support/host-rpc';
import { tempDir } from '../support/temp-app';
import { auraOnTerminal } from '../support/aura-terminal';


// Every test here starts the built CLI several times, each a fresh process that opens the database (and
// some a sandbox): seconds each on a loaded 2-core machine, so the 5 s default is too tight.
jest.setTimeout(60_000);

const aura = (home: string, ...argv: string[]) => auraCli(home, argv);

describe('aura run', () => {
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['scripted'] });
  });
  afterAll(() => llm.close());

  it.each(['openai-compatible', 'anthropic'])('completes a multi-step task against the %s wire format and keeps it in the history', async (provider) => {
    const home = tempDir();
    const workspace = join(home, 'ws');
    mkdirSync(workspace);
    llm.enqueue(...loadScript('write-file-task'));
    const result = await aura(home, 'run', 'Create hello.txt containing Hello, Aura', '--workspace', workspace, '--provider', provider, '--base-url', llm.baseUrl, '--model', 'scripted', '--yes');
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain('1. Write hello.txt');
    expect(result.out).toContain('2. Check the file');
    expect(result.out).toMatch(/write .*hello\.txt.* → done/);
    expect(result.out).toContain('Review 1: pass');
    expect(readFileSync(join(workspace, 'hello.txt'), 'utf8')).toBe('Hello, Aura\n');
    const id = /Done\. Task (\S+)/.exec(result.out)?.[1];

    const list = await aura(home, 'tasks', 'list', '--json');
    expect(JSON.parse(list.out)).toMatchObject({ tasks: [{ id, status: 'done' }] });
    const show = await aura(home, 'tasks', 'show', String(id), '--json');
    expect(JSON.parse(show.out)).toMatchObject({ task: { id, status: 'done' }, steps: [{ status: 'done' }, { status: 'done' }], reviews: [{ verdict: 'pass' }] });
    expect((await aura(home, 'audit', 'verify')).code).toBe(0);
  });

  it('prints machine-readable events with --json, ending with the whole task', async () => {
    const home = tempDir();
    llm.enqueue({ text: '{"steps":[{"title":"Say hi","detail":""}]}' }, { text: 'hi' }, { text: '{"verdict":"pass","reasons":[]}' });
    const result = await aura(home, 'run', 'Say hi', '--workspace', home, '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted', '--json');
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n').map((line) => JSON.parse(line) as { event: string; payload: { task?: { status: string } } });
    expect(new Set(lines.map((l) => l.event))).toEqual(new Set(['task.updated', 'task.step', 'task.message', 'task.token', 'task.modelCall', 'task.review', 'task.detail']));
    expect(lines.at(-1)).toMatchObject({ event: 'task.detail', payload: { task: { status: 'done' } } });
  });

  it('exits 1 with the reason when the task fails, and refuses writes it cannot ask about', async () => {
    const home = tempDir();
    llm.enqueue({ text: '{"steps":[{"title":"Write","detail":""}]}' }, { toolCalls: [{ name: 'write', args: { path: 'x.txt', content: 'x' } }] }, { text: 'Not allowed.' }, { text: '{"verdict":"revise","reasons":["x.txt missing"]}' }, { text: 'Still not allowed.' }, { text: '{"verdict":"revise","reasons":["x.txt missing"]}' }, { text: 'No.' }, { text: '{"verdict":"revise","reasons":["x.txt missing"]}' });
    const result = await aura(home, 'run', 'Write x.txt', '--workspace', home, '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted');
    expect(result.code).toBe(1);
    expect(result.out).toContain('it needs approval and there is no terminal to ask');
    expect(result.out).toMatch(/Task failed: The review still asked for changes/);
  });

  it('rejects bad options with a clear message and exit 2', async () => {
    const home = tempDir();
    expect(await aura(home, 'run')).toMatchObject({ code: 2, err: expect.stringContaining('Usage: aura run') });
    expect(await aura(home, 'run', 'x', '--provider', 'openai-compatible')).toMatchObject({ code: 2, err: expect.stringContaining('--provider and --model go together') });
    expect(await aura(home, 'run', 'x', '--provider', 'nope', '--model', 'm')).toMatchObject({ code: 1, err: expect.stringContaining('Invalid input for tasks.create: model.provider') });
    expect(await aura(home, 'run', 'x', '--profile', 'Not An Id')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown profile') });
    expect(await aura(home, 'run', 'x', '--profile', 'root', '--workspace', home)).toMatchObject({ code: 1, err: expect.stringContaining('aura profiles list') });
    expect(await aura(home, 'run', 'x', '--workspace', '/no/such/dir', '--yes')).toMatchObject({ code: 1, err: expect.stringContaining('does not exist') });
  });
});

describe('aura on a terminal', () => {
  it('asks before a write and does it only when the answer is yes', async () => {
    const home = tempDir();
    // Aura's data folder is never a workspace: the sandbox keeps it private.
    const ws = join(home, 'ws');
    mkdirSync(ws);
    const no = await auraOnTerminal(home, ['n'], 'tools', 'call', 'write', '{"path":"t.txt","content":"x"}', '--workspace', ws);
    expect(no.out).toContain('Allow write');
    expect(no.code).toBe(1);
    expect(existsSync(join(ws, 't.txt'))).toBe(false);
    const yes = await auraOnTerminal(home, ['y'], 'tools', 'call', 'write', '{"path":"t.txt","content":"x"}', '--workspace', ws);
    expect(yes.code).toBe(0);
    expect(readFileSync(join(ws, 't.txt'), 'utf8')).toBe('x');
  });
});

describe('aura run on a terminal', () => {
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['scripted'] });
  });
  afterAll(() => llm.close());

  it('asks about calls of one turn one at a time, and keeps model text from driving the terminal', async () => {
    const home = tempDir();
    const ws = join(home, 'ws');
    mkdirSync(ws);
    const twoWrites = { toolCalls: [{ name: 'write', args: { path: 'a.txt', content: 'a' } }, { name: 'write', args: { path: 'b.txt', content: 'b' } }] };
    llm.enqueue({ text: '{"steps":[{"title":"Write \\u001b[31mtwo","detail":""}]}' }, twoWrites, { text: 'One of two.' }, { text: '{"verdict":"pass","reasons":[]}' });
    const result = await auraOnTerminal(home, ['y', 'n', ''], 'run', 'Write two files', '--workspace', ws, '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted');
    expect(result.code).toBe(0);
    expect(result.out.split('[y/t/a/N]')).toHaveLength(3);
    expect([existsSync(join(ws, 'a.txt')), existsSync(join(ws, 'b.txt'))].filter(Boolean)).toHaveLength(1);
    expect(result.out).toContain('Write ?[31mtwo');
    expect(result.out).not.toContain('\u001b[31m');
  });

  it('takes its question back when the task is cancelled from a window, and exits', async () => {
    const home = tempDir();
    llm.enqueue({ text: '{"steps":[{"title":"Write","detail":""}]}' }, { toolCalls: [{ name: 'write', args: { path: 'd.txt', content: 'd' } }] });
    const running = auraOnTerminal(home, [], 'run', 'Write d', '--workspace', home, '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted');
    // Another client of the same host (a window, a second terminal) cancels it.
    const listed = async () => (JSON.parse((await aura(home, 'tasks', 'list', '--json')).out) as { tasks: { id: string; status: string }[] }).tasks[0];
    const waiting = await eventually(listed, (t) => t?.status === 'waiting_approval');
    expect(await aura(home, 'tasks', 'cancel', String(waiting?.id))).toMatchObject({ code: 0 });
    const result = await running;
    expect(result.code).toBe(1);
    expect(result.out).toContain('Task cancelled');
    expect(existsSync(join(home, 'd.txt'))).toBe(false);
    await stopHost(home);
  }, 60_000);

  it('cancels the task on the host on Ctrl-C at a question: nothing written', async () => {
    const home = tempDir();
    llm.enqueue({ text: '{"steps":[{"title":"Write","detail":""}]}' }, { toolCalls: [{ name: 'write', args: { path: 'c.txt', content: 'c' } }] });
    const result = await auraOnTerminal(home, ['\u0003'], 'run', 'Write c', '--workspace', home, '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted');
    expect(result.code).toBe(130);
    expect(existsSync(join(home, 'c.txt'))).toBe(false);
    const [task] = (JSON.parse((await aura(home, 'tasks', 'list', '--json')).out) as { tasks: { status: string }[] }).tasks;
    expect(task?.status).toBe('cancelled');
    await stopHost(home);
  });
});

/** `aura run GOAL` against the scripted model, in the background, with its output collected as it comes. */
function auraRunInBackground(home: string, llm: ScriptedLlm, goal: string) {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'run', goal, '--workspace', home, '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted', '--yes'], {
    env: cliEnv(home),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, out: '', err: '', exited: new Promise<number | null>((resolve) => child.once('exit', resolve)) };
  child.stdout.on('data', (chunk: Buffer) => (run.out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.err += chunk.toString()));
  return run;
}

describe('aura run with the app running on the same data', () => {
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['scripted'] });
  });
  afterAll(() => llm.close());

  it('runs the task in the app: the window sees it live, a second start points to the first, and a cancel from the window stops the terminal', async () => {
    const home = tempDir();
    const host = await launchHost({ AURA_HOME: home });
    let second: ReturnType<typeof auraRunInBackground> | undefined;
    try {
      const again = await aura(home, 'host', 'status', '--json');
      expect(JSON.parse(again.out)).toMatchObject({ running: true, kind: 'headless', pid: host.child.pid });
      // A slow step: 40 pieces 50 ms apart, so the window looks while the CLI is mid-step.
      llm.enqueue({ text: '{"steps":[{"title":"Think","detail":""}]}' }, { text: 'x'.repeat(40), chunkSize: 1, delayMs: 50 }, { text: '{"verdict":"pass","reasons":[]}' });
      const first = auraRunInBackground(home, llm, 'Think slowly');
      const running = await eventually(async () => (await hostRpc<{ tasks: { id: string; status: string }[] }>(host, 'tasks.list', { page: 1, pageSize: 10 })).tasks[0], (t) => t?.status === 'running');
      await expect(hostRpc(host, 'tasks.resume', { id: running?.id })).rejects.toThrow(/already running/);
      expect(await first.exited).toBe(0);
      expect(first.out).toContain('Done. Task');

      llm.enqueue({ text: '{"steps":[{"title":"Think","detail":""}]}' }, { stall: true });
      second = auraRunInBackground(home, llm, 'Think forever');
      const stalled = await eventually(
        async () => (await hostRpc<{ tasks: { id: string; goal: string; status: string }[] }>(host, 'tasks.list', { page: 1, pageSize: 10 })).tasks.find((t) => t.goal === 'Think forever'),
        (t) => t?.status === 'running',
      );
      await hostRpc(host, 'tasks.cancel', { id: stalled?.id });
      expect(await second.exited).toBe(1);
      expect(second.out).toContain('Task cancelled');
      // Every task ran in the app's process: the audit records each end once, written by one writer.
      const audit = await hostRpc<{ entries: { action: string; detail: { to?: string } }[] }>(host, 'audit.list', { page: 1, pageSize: 100, action: 'task.transition' });
      expect(audit.entries.map((e) => e.detail.to).filter((to) => to === 'done' || to === 'cancelled').sort()).toEqual(['cancelled', 'done']);
    } finally {
      second?.child.kill();
      await host.stop();
    }
  }, 60_000);

  it('says so clearly when the host is killed under a waiting command; nothing is lost and the next command starts a host', async () => {
    const home = tempDir();
    llm.enqueue({ text: '{"steps":[{"title":"Think","detail":""}]}' }, { stall: true });
    const before = llm.requests.length;
    const cli = auraRunInBackground(home, llm, 'Think forever');
    try {
      await eventually(() => llm.requests.length, (n) => n >= before + 2);
      const status = JSON.parse((await aura(home, 'host', 'status', '--json')).out) as { pid: number; kind: string };
      expect(status.kind).toBe('background');
      process.kill(status.pid, 'SIGKILL');
      expect(await cli.exited).toBe(1);
      expect(cli.err).toMatch(/host stopped while the task ran[\s\S]*aura tasks resume/);
      // The next command starts a new host, which finds the task interrupted, and it resumes from its step.
      const [task] = (JSON.parse((await aura(home, 'tasks', 'list', '--json')).out) as { tasks: { id: string; status: string }[] }).tasks;
      expect(task?.status).toBe('interrupted');
      llm.enqueue({ text: 'Thought it through.' }, { text: '{"verdict":"pass","reasons":[]}' });
      const resumed = await aura(home, 'tasks', 'resume', String(task?.id));
      expect(resumed).toMatchObject({ code: 0, out: expect.stringContaining('Done. Task') });
      expect(resumed.out).toContain('✔ 1. Think');
      expect(await aura(home, 'tasks', 'resume', String(task?.id))).toMatchObject({ code: 1, err: expect.stringContaining('A done task cannot be resumed') });
      expect((await aura(home, 'audit', 'verify')).code).toBe(0);
    } finally {
      cli.child.kill('SIGKILL');
      await stopHost(home);
    }
  }, 60_000);
});

describe('aura tools', () => {
  it('lists the tools and runs one through the gate and the audit', async () => {
    const home = tempDir();
    const ws = join(home, 'ws');
    mkdirSync(ws);
    const listed = JSON.parse((await aura(home, 'tools', 'list', '--json')).out) as { name: string; risk: string; inputSchema: object }[];
    expect(listed.map((t) => [t.name, t.risk])).toEqual(
      expect.arrayContaining([
        ['edit', 'write'],
        ['glob', 'read'],
        ['grep', 'read'],
        ['list', 'read'],
        ['read', 'read'],
        ['shell', 'execute'],
        ['write', 'write'],
      ]),
    );
    expect(listed.find((t) => t.name === 'edit')?.inputSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['path', 'search', 'replace']) });

    const refused = await aura(home, 'tools', 'call', 'write', '{"path":"a.txt","content":"hi"}', '--workspace', ws);
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('again with --yes') });
    expect(await aura(home, 'tools', 'call', 'write', '{"path":"a.txt","content":"hi"}', '--workspace', ws, '--yes')).toMatchObject({ code: 0 });
    const edited = await aura(home, 'tools', 'call', 'edit', '{"path":"a.txt","search":"hi","replace":"hello"}', '--workspace', ws, '--yes');
    expect(JSON.parse(edited.out).diff).toContain('+hello');
    expect(readFileSync(join(ws, 'a.txt'), 'utf8')).toBe('hello');
    expect(await aura(home, 'tools', 'call', 'read', '{"path":"../../etc/passwd"}', '--workspace', ws)).toMatchObject({ code: 1, err: expect.stringContaining('outside the workspace') });
    expect(await aura(home, 'tools', 'call', 'read', '{nope', '--workspace', ws)).toMatchObject({ code: 2, err: expect.stringContaining('not valid JSON') });
    expect(await aura(home, 'tools', 'call', 'nope', '{}', '--workspace', ws)).toMatchObject({ code: 1, err: expect.stringContaining('no tool named') });

    const audit = await aura(home, 'audit', 'verify');
    expect(audit.out).toMatch(/^OK: \d+ entries/);
  });
});
