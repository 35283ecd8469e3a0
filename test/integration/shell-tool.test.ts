import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { VmService } from '../../src/core/vm/vm-service';
import { shellTool } from '../../src/core/vm/shell-tool';
import { ToolRegistry } from '../../src/core/tools/tool-registry';
import { ToolRunner } from '../../src/core/tools/tool-runner';
import type { ToolCallRecord } from '../../src/shared/tasks';
import type { BuiltinProfileId } from '../../src/shared/permissions';
import type { ShellResult, ToolOutputChunk } from '../../src/shared/vm';
import { openHarness } from '../support/agent-harness';
import { eventually } from '../support/eventually';
import { REPO_ROOT } from '../support/launch-host';
import { openTempApp, tempDir } from '../support/temp-app';
import { killAll } from '../support/processes';
import { listeners, processesInNamespace, vmFixture } from '../support/vm-fixture';

// The shell tool as its callers reach it: the tool runner (the UI's and the agent's path), a task through
// the scripted LLM, `aura tools call` from a fresh build, a VM worker killed mid-call, and no sandbox.

const run = promisify(execFile);
const app = openTempApp();
let ws: string;

beforeAll(() => {
  ws = realpathSync(tempDir('aura-shell-ws-'));
});
afterAll(() => app.dispose());

function call(input: unknown, options: { onOutput?: (chunk: string) => void; profile?: BuiltinProfileId; taskId?: string } = {}) {
  return app.runner.call({
    name: 'shell',
    input,
    ctx: { roots: [ws], signal: new AbortController().signal, actor: 'test', taskId: options.taskId ?? null, ...(options.onOutput ? { onOutput: options.onOutput } : {}) },
    profile: options.profile ?? 'yes',
    approve: async () => false,
  });
}

const output = (result: Awaited<ReturnType<typeof call>>) => (result.ok ? (result.output as ShellResult) : null);

describe('the shell tool', () => {
  it('is registered for the agent, the UI and the CLI, as an execute tool', () => {
    expect(app.tools.list().find((t) => t.name === 'shell')).toMatchObject({ risk: 'execute', source: 'worker', inputSchema: { required: ['command'] } });
  });

  it('runs in the workspace, streams its output and keeps the shell between calls', async () => {
    const chunks: string[] = [];
    const first = await call({ command: 'echo hi > made.txt && cat made.txt && mkdir -p sub && cd sub && export X=1' }, { onOutput: (chunk) => chunks.push(chunk) });
    expect(first).toMatchObject({ ok: true, output: { exitCode: 0, output: 'hi\n', cwd: join(ws, 'sub') } });
    expect(chunks.join('')).toBe('hi\n');
    expect(readFileSync(join(ws, 'made.txt'), 'utf8')).toBe('hi\n');
    expect(output(await call({ command: 'echo "$X in $PWD"' }))).toMatchObject({ output: `1 in ${join(ws, 'sub')}\n` });
    expect(output(await call({ command: 'pwd', cwd: '.' }))).toMatchObject({ output: `${ws}\n` });
    expect(await call({ command: 'pwd', cwd: '../..' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(output(await call({ command: 'exit 3' }))).toMatchObject({ exitCode: 3 });
  }, 60_000);

  it('answers a time limit with an error that carries the output so far', async () => {
    expect(await call({ command: 'echo partial; sleep 30', timeout_ms: 500 })).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: expect.stringContaining('partial') } });
  }, 30_000);

  it('stops a command and everything it started when its task is cancelled', async () => {
    const namespace = output(await call({ command: 'readlink /proc/self/ns/pid' }, { taskId: 'cancel-test' }))?.output.trim() ?? '';
    const stop = new AbortController();
    const result = await app.runner.call({
      name: 'shell',
      input: { command: 'sleep 1000 & echo started; sleep 1000' },
      ctx: { roots: [ws], signal: stop.signal, actor: 'test', taskId: 'cancel-test', onOutput: (chunk) => chunk.includes('started') && stop.abort(new Error('The task was cancelled.')) },
      profile: 'yes',
      approve: async () => false,
    });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('cancelled') } });
    expect(await eventually(() => processesInNamespace(namespace), (pids) => pids.length === 0)).toEqual([]);
    expect(output(await call({ command: 'echo next' }, { taskId: 'cancel-test' }))).toMatchObject({ output: 'next\n', note: expect.stringContaining('stopped') });
  }, 60_000);

  it('shows a clear error when the VM worker is killed mid-call, and the next call works in a new one', async () => {
    const first = output(await call({ command: 'readlink /proc/self/ns/pid' }, { taskId: 'kill-test' }));
    const namespace = first?.output.trim() ?? '';
    expect(namespace).toMatch(/^pid:\[\d+\]$/);
    const killedPid = app.vm.workerPid;
    let killed = false;
    const result = await call(
      { command: 'echo started; sleep 30' },
      {
        taskId: 'kill-test',
        onOutput: (chunk) => {
          if (killed || !chunk.includes('started') || killedPid === undefined) return;
          killed = true;
          process.kill(killedPid, 'SIGKILL');
        },
      },
    );
    expect(killed).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'WORKER_CRASHED', message: expect.stringMatching(/vm worker was killed \(SIGKILL\)\. It starts again with the next call/) } });
    // The sandbox went with its worker (--die-with-parent), grandchildren and all.
    expect(await eventually(() => processesInNamespace(namespace), (pids) => pids.length === 0)).toEqual([]);
    const next = await call({ command: 'echo back' }, { taskId: 'kill-test' });
    expect(next).toMatchObject({ ok: true, output: { exitCode: 0, output: 'back\n', note: expect.stringContaining('VM worker had stopped') } });
    expect(app.vm.workerPid).not.toBe(killedPid);
  }, 60_000);

  it('says the shell was reset when its sandbox is killed mid-call, and the next call works', async () => {
    const namespace = output(await call({ command: 'readlink /proc/self/ns/pid' }, { taskId: 'kill-shell' }))?.output.trim() ?? '';
    let killed = false;
    const result = await call(
      { command: 'echo started; sleep 30' },
      {
        taskId: 'kill-shell',
        onOutput: (chunk) => {
          if (killed || !chunk.includes('started')) return;
          killed = true;
          killAll(processesInNamespace(namespace));
        },
      },
    );
    expect(result).toMatchObject({ ok: true, output: { output: 'started\n', note: expect.stringContaining('exited') } });
    expect(output(await call({ command: 'echo again' }, { taskId: 'kill-shell' }))).toMatchObject({ exitCode: 0, output: 'again\n', note: expect.stringContaining('new shell') });
  }, 60_000);

  it('restarts a killed file helper for the next file call', async () => {
    writeFileSync(join(ws, 'note.txt'), 'note');
    const read = () => app.runner.call({ name: 'read', input: { path: 'note.txt' }, ctx: { roots: [ws], signal: new AbortController().signal, actor: 'test', taskId: null }, profile: 'yes', approve: async () => false });
    expect(await read()).toMatchObject({ ok: true, output: { content: 'note' } });
    const helpers = descendants(app.vm.workerPid ?? -1).filter((pid) => procText(pid, 'cmdline').startsWith('/usr/bin/perl\0-e\0'));
    expect(helpers.length).toBeGreaterThan(0);
    killAll(helpers);
    // A read may reach the helper before its death is noticed (it then fails), and the next starts a new
    // sandbox: on a loaded 2-core machine the two together have taken more than the default 10 s.
    expect(await eventually(read, (r) => r.ok, 40_000)).toMatchObject({ ok: true, output: { content: 'note' } });
  }, 60_000);
});

function procText(pid: number | string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

/** Every process below `root` (its children, theirs…), from the parent pids in /proc. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = Number(procText(entry, 'stat').split(') ')[1]?.split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const below = (pid: number): boolean => {
    for (let at = parents.get(pid); at !== undefined; at = parents.get(at)) if (at === root) return true;
    return false;
  };
  return [...parents.keys()].filter(below);
}

describe('a task that runs a command, end to end through the scripted LLM', () => {
  it('runs it in the sandbox, streams its output as task.toolOutput, and ends its shell with the task', async () => {
    const harness = await openHarness();
    try {
      const streamed: ToolOutputChunk[] = [];
      harness.app.events.subscribe((event, payload) => {
        if (event === 'task.toolOutput') streamed.push(payload as ToolOutputChunk);
      });
      harness.llm.enqueue(
        { text: JSON.stringify({ steps: [{ title: 'Build', detail: 'Run the build.' }] }) },
        { toolCalls: [{ name: 'shell', args: { command: 'readlink /proc/self/ns/pid; echo built > out.txt && cat out.txt' } }] },
        { text: 'Built out.txt.' },
        { text: '{"verdict":"pass","reasons":[]}' },
      );
      const task = await harness.create({ goal: 'Build out.txt', profile: 'yes', model: harness.ref('openai-compatible') });
      const detail = await harness.finish(task.id);
      expect(detail.task.status).toBe('done');
      expect(readFileSync(join(harness.workspace, 'out.txt'), 'utf8')).toBe('built\n');
      const shellCall = detail.toolCalls.find((c: ToolCallRecord) => c.name === 'shell');
      expect(shellCall).toMatchObject({ status: 'done', risk: 'execute', output: { exitCode: 0, output: expect.stringContaining('built\n') } });
      expect(streamed.map((s) => s.chunk).join('')).toContain('built\n');
      expect(streamed.every((s) => s.toolCallId === shellCall?.id && s.taskId === task.id)).toBe(true);
      // The model was given the command's output.
      expect(JSON.stringify(harness.llm.requests.at(-2)?.body)).toContain('built');
      const namespace = (shellCall?.output as ShellResult).output.split('\n')[0] ?? '';
      expect(await eventually(() => processesInNamespace(namespace), (pids) => pids.length === 0)).toEqual([]);
    } finally {
      await harness.close();
    }
  }, 120_000);
});

describe('aura tools call shell, from a fresh build', () => {
  const fx = vmFixture();
  let net: Awaited<ReturnType<typeof listeners>>;
  beforeAll(async () => {
    net = await listeners();
  });
  afterAll(() => net.close());

  const aura = async (input: object) => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', AURA_HOME: join(fx.base, 'cli-data'), HOME: fx.home, AURA_IDLE_EXIT_MS: '3000' };
    try {
      const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), 'tools', 'call', 'shell', JSON.stringify(input), '--workspace', fx.ws, '--yes'], { env, timeout: 60_000 });
      return { code: 0, result: JSON.parse(stdout) as ShellResult };
    } catch (err) {
      const e = err as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  };

  it('writes in the workspace', async () => {
    expect(await aura({ command: 'echo hi > made.txt' })).toMatchObject({ code: 0, result: { exitCode: 0 } });
    expect(readFileSync(join(fx.ws, 'made.txt'), 'utf8')).toBe('hi\n');
  }, 60_000);

  it('cannot write outside the workspace, read ~/.ssh or reach the network', async () => {
    expect(await aura({ command: `echo x > ${fx.outside}/escaped.txt` })).toMatchObject({ code: 0, result: { exitCode: 1, output: expect.stringContaining('No such file or directory') } });
    expect(existsSync(join(fx.outside, 'escaped.txt'))).toBe(false);
    expect(await aura({ command: `cat ${fx.home}/.ssh/id_rsa` })).toMatchObject({ code: 0, result: { exitCode: 1, output: expect.stringContaining('No such file or directory') } });
    expect(await aura({ command: `curl -sS -m 5 http://127.0.0.1:${net.port}/` })).toMatchObject({ code: 0, result: { exitCode: 7 } });
    expect(net.hits()).toBe(0);
  }, 120_000);
});

describe('where there is no sandbox', () => {
  const fxApp = openTempApp();
  const vm = new VmService({ workers: fxApp.workers, settings: fxApp.settings, events: fxApp.events, dataDir: fxApp.home, home: tempDir(), workerEnv: { AURA_VM_SANDBOX: 'none' } });
  const registry = new ToolRegistry();
  registry.register(shellTool(vm));
  const runner = new ToolRunner(registry, fxApp.audit, fxApp.events);
  afterAll(() => fxApp.dispose());

  const dir = realpathSync(tempDir('aura-unsandboxed-'));
  const unsandboxed = (approve: boolean) =>
    runner.call({ name: 'shell', input: { command: 'echo ran' }, ctx: { roots: [dir], signal: new AbortController().signal, actor: 'test', taskId: null }, profile: 'yes', approve: async () => approve });

  it('says so in the status, and asks before every command even under the yes profile', async () => {
    expect(await vm.status()).toMatchObject({ sandbox: 'none', approval: 'ask', files: 'host', reason: expect.stringContaining('AURA_VM_SANDBOX=none') });
    expect(await unsandboxed(false)).toMatchObject({ ok: false, status: 'denied', error: { message: expect.stringContaining('without a sandbox') } });
    expect(await unsandboxed(true)).toMatchObject({ ok: true, output: { exitCode: 0, output: 'ran\n' } });
  }, 60_000);
});
