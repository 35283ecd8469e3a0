import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { procedures, type EventName } from '../../shared/contract';
import { AuraError } from '../../shared/errors';
import type { ToolCallRecord } from '../../shared/tasks';
import { TERMINAL_LIMITS } from '../../shared/terminal';
import type { SandboxParams } from '../../shared/vm';
import { EventBus } from '../events/event-bus';
import { silentLogger } from '../logging/logger';
import { clearSecretsForTests, registerSecret } from '../secrets/secret-values';
import { TerminalService } from './terminal-service';

const WS = '11111111-1111-4111-8111-111111111111';
const OTHER_WS = '22222222-2222-4222-8222-222222222222';
const ROOTS: Record<string, string> = { [WS]: '/work/project', [OTHER_WS]: '/work/other' };

/** The VM worker's terminal methods, played by the test: each started shell can print and exit. */
function fakeWorker() {
  const shells = new Map<string, { print(data: string): void; exit(code: number | null): void; fail(err: unknown): void; sandbox: SandboxParams }>();
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  let refuse: AuraError | null = null;
  const worker = {
    call: jest.fn(async (method: string, params: Record<string, unknown>, options: { onProgress?: (data: { data: string }) => void } = {}) => {
      calls.push({ method, params });
      const session = params.session as string;
      switch (method) {
        case 'terminal.start':
          if (refuse) throw refuse;
          return new Promise((resolve, reject) => {
            shells.set(session, {
              print: (data) => options.onProgress?.({ data }),
              exit: (code) => (shells.delete(session), resolve({ exitCode: code })),
              fail: (err) => (shells.delete(session), reject(err)),
              sandbox: params.sandbox as SandboxParams,
            });
            options.onProgress?.({ data: '' });
          });
        case 'terminal.input':
          return { written: shells.has(session) };
        case 'terminal.resize':
          return { resized: shells.has(session) };
        case 'terminal.stop': {
          const shell = shells.get(session);
          shell?.exit(null);
          return { stopped: shell !== undefined };
        }
      }
      throw new Error(`unexpected ${method}`);
    }),
  };
  return { worker, shells, calls, refuse: (err: AuraError) => (refuse = err) };
}

function setup() {
  const fake = fakeWorker();
  const events = new EventBus();
  const seen: { event: EventName; payload: Record<string, unknown> }[] = [];
  events.subscribe((event, payload) => seen.push({ event, payload: payload as Record<string, unknown> }));
  const audited: { action: string; target: string }[] = [];
  const taskFolders: Record<string, string> = { 'task-here': '/work/project', 'task-sub': '/work/project/app', 'task-elsewhere': '/work/projectile' };
  const service = new TerminalService({
    worker: () => fake.worker as never,
    workspacePath: (id) => ROOTS[id] ?? null,
    sandboxFor: (roots) => ({ roots, network: false, extraWritable: [], extraReadable: [], home: '/home/me', dataDir: '/home/me/.aura' }),
    taskFolder: (taskId) => taskFolders[taskId] ?? null,
    audit: (record) => audited.push(record),
    events,
    logger: silentLogger,
  });
  const data = (sessionId: string) =>
    seen
      .filter((e) => e.event === 'terminal.data' && e.payload.sessionId === sessionId)
      .map((e) => e.payload.data)
      .join('');
  const next = (event: EventName) => new Promise<Record<string, unknown>>((resolve) => events.subscribe((name, payload) => name === event && resolve(payload as Record<string, unknown>)));
  return { ...fake, events, seen, audited, service, data, next };
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
  clearSecretsForTests();
});

const tick = () => jest.advanceTimersByTime(TERMINAL_LIMITS.batchMs * 2);

describe('the terminal service', () => {
  it('starts one shell per workspace in its sandbox, and streams its output as terminal.data', async () => {
    const { service, shells, calls, data, audited } = setup();
    const opened = await service.open(WS, 100, 30, 'ui');
    expect(opened).toMatchObject({ workspaceId: WS, scrollback: '', offset: 0, network: 'off', started: true });
    expect(calls[0]).toMatchObject({ method: 'terminal.start', params: { cols: 100, rows: 30, sandbox: { roots: ['/work/project'] } } });
    expect(audited).toEqual([expect.objectContaining({ action: 'terminal.open', target: WS })]);
    shells.get(opened.sessionId)?.print('(sandbox) /work/project # ');
    tick();
    expect(data(opened.sessionId)).toBe('(sandbox) /work/project # ');

    const other = await service.open(OTHER_WS, 80, 24, 'ui');
    expect(other.sessionId).not.toBe(opened.sessionId);
    expect(shells.size).toBe(2);
  });

  it('re-attaches a page to the running shell with its scrollback, at the page’s size', async () => {
    const { service, shells, calls } = setup();
    const first = await service.open(WS, 80, 24, 'ui');
    shells.get(first.sessionId)?.print('hello\r\n');
    // Within the same batch as the line before: not sent yet, so not in the scrollback either.
    shells.get(first.sessionId)?.print('not yet sent');
    const again = await service.open(WS, 120, 40, 'ui');
    expect(again).toMatchObject({ sessionId: first.sessionId, started: false, scrollback: 'hello\r\n', offset: 7 });
    expect(calls.filter((c) => c.method === 'terminal.start')).toHaveLength(1);
    expect(calls.at(-1)).toEqual({ method: 'terminal.resize', params: { session: first.sessionId, cols: 120, rows: 40 } });
  });

  it('keeps a bounded scrollback however much the shell prints', async () => {
    const { service, shells } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 50; i += 1) {
      shells.get(sessionId)?.print(line.repeat(100));
      tick();
    }
    const again = await service.open(WS, 80, 24, 'ui');
    expect(again.scrollback.length).toBeLessThanOrEqual(TERMINAL_LIMITS.scrollbackChars * 1.25);
    expect(again.scrollback.length).toBeGreaterThanOrEqual(TERMINAL_LIMITS.scrollbackChars - line.length);
    expect(again.offset).toBe(50 * 100 * line.length);
  });

  it('passes keystrokes and sizes to the worker, and refuses input the contract does not allow', async () => {
    const { service, calls } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    expect(await service.write(sessionId, 'ls\r')).toEqual({ written: true });
    expect(calls.at(-1)).toEqual({ method: 'terminal.input', params: { session: sessionId, data: 'ls\r' } });
    expect(await service.resize(sessionId, 132, 43)).toEqual({ resized: true });
    expect(await service.write('33333333-3333-4333-8333-333333333333', 'x')).toEqual({ written: false });

    const write = procedures['terminal.write'].input;
    expect(write.safeParse({ sessionId, data: 'x'.repeat(TERMINAL_LIMITS.inputChars) }).success).toBe(true);
    expect(write.safeParse({ sessionId, data: 'x'.repeat(TERMINAL_LIMITS.inputChars + 1) }).success).toBe(false);
    expect(write.safeParse({ sessionId, data: '' }).success).toBe(false);
    const resize = procedures['terminal.resize'].input;
    expect(resize.safeParse({ sessionId, cols: TERMINAL_LIMITS.maxCols + 1, rows: 10 }).success).toBe(false);
    expect(resize.safeParse({ sessionId, cols: 80, rows: 0 }).success).toBe(false);
    expect(procedures['terminal.open'].input.parse({ workspaceId: WS })).toEqual({ workspaceId: WS, cols: 80, rows: 24 });
  });

  it('closes: the shell is stopped, the pages told, the trail written; the next open starts anew', async () => {
    const { service, seen, audited } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    expect(await service.close(sessionId, 'ui')).toEqual({ closed: true });
    expect(seen.find((e) => e.event === 'terminal.exit')?.payload).toEqual({ sessionId, exitCode: null, reason: 'closed' });
    expect(audited.map((a) => a.action)).toEqual(['terminal.open', 'terminal.close']);
    expect(await service.close(sessionId, 'ui')).toEqual({ closed: false });
    expect(await service.write(sessionId, 'x')).toEqual({ written: false });
    const again = await service.open(WS, 80, 24, 'ui');
    expect(again).toMatchObject({ started: true });
    expect(again.sessionId).not.toBe(sessionId);
  });

  it('tells the pages when the shell exits, and when the worker crashed under it', async () => {
    const { service, shells, data, next } = setup();
    const first = await service.open(WS, 80, 24, 'ui');
    let exit = next('terminal.exit');
    shells.get(first.sessionId)?.exit(0);
    expect(await exit).toEqual({ sessionId: first.sessionId, exitCode: 0, reason: 'exited' });

    const second = await service.open(WS, 80, 24, 'ui');
    exit = next('terminal.exit');
    shells.get(second.sessionId)?.fail(new AuraError('WORKER_CRASHED', 'The vm worker was killed (SIGKILL).'));
    expect(await exit).toEqual({ sessionId: second.sessionId, exitCode: null, reason: 'crashed' });
    expect(data(second.sessionId)).toContain('The vm worker was killed');
  });

  it('fails closed: a shell the worker refuses (no sandbox) fails the open with the reason, and leaves nothing', async () => {
    const { service, refuse, audited } = setup();
    refuse(new AuraError('FORBIDDEN', 'The terminal runs only in a sandbox, and there is none here: bubblewrap is not installed.', 'See Settings → Readiness.'));
    await expect(service.open(WS, 80, 24, 'ui')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('bubblewrap is not installed') });
    expect(audited).toEqual([]);
    await expect(service.open('44444444-4444-4444-8444-444444444444', 80, 24, 'ui')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('redacts secrets in the output, even when one arrives cut in two', async () => {
    registerSecret('sk-live-0123456789abcdef');
    const { service, shells, data } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    shells.get(sessionId)?.print('echo $KEY\r\nsk-live-012');
    jest.advanceTimersByTime(TERMINAL_LIMITS.batchMs);
    shells.get(sessionId)?.print('3456789abcdef\r\n');
    tick();
    expect(data(sessionId)).toBe('echo $KEY\r\n[secret redacted]\r\n');
    expect((await service.open(WS, 80, 24, 'ui')).scrollback).not.toContain('sk-live');
  });
});

describe('the agent’s commands in an open terminal', () => {
  const call = (over: Partial<ToolCallRecord>): ToolCallRecord => ({
    id: 'call-1',
    taskId: 'task-here',
    stepId: null,
    name: 'shell',
    input: { command: 'npm test' },
    output: null,
    status: 'running',
    risk: 'execute',
    error: null,
    durationMs: null,
    createdAt: new Date().toISOString(),
    ...over,
  });

  it('shows a dim header with the command, the output as it streams, then the exit code', async () => {
    const { service, events, data } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    events.emit('task.toolCall', call({ status: 'pending' }));
    events.emit('task.toolCall', call({}));
    events.emit('task.toolOutput', { taskId: 'task-here', toolCallId: 'call-1', chunk: 'PASS a\nPASS b\n' });
    events.emit('task.toolCall', call({ status: 'done', output: { exitCode: 3, output: 'PASS a\nPASS b\n', cwd: '/work/project', truncated: false } }));
    tick();
    expect(data(sessionId)).toBe('\r\n\x1b[2m── agent ── $ npm test\x1b[22m\r\nPASS a\r\nPASS b\r\n\x1b[2m── exit 3 ──\x1b[22m\r\n');
  });

  it('shows the command’s control characters instead of obeying them, and a failure’s reason', async () => {
    const { service, events, data } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    events.emit('task.toolCall', call({ taskId: 'task-sub', input: { command: 'printf "\x1b]52;c;cHduZWQ=\x07"\necho \x9b2J' } }));
    events.emit('task.toolCall', call({ taskId: 'task-sub', status: 'failed', error: { code: 'TIMEOUT', message: 'The command ran past its 2 s time limit.\nOutput so far: …' } }));
    tick();
    const shown = data(sessionId);
    expect(shown).toContain('printf "^[]52;c;cHduZWQ=^G"\r\n   echo <9b>2J');
    expect(shown).not.toContain('\x1b]52');
    expect(shown).toContain('── failed: The command ran past its 2 s time limit. ──');
  });

  it('prints the recorded output of a call that streamed none (it ran in another process)', async () => {
    const { service, events, data } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    events.emit('task.toolCall', call({ status: 'done', output: { exitCode: 0, output: 'from aura run', cwd: '/work/project', truncated: false } }));
    tick();
    expect(data(sessionId)).toBe('\r\n\x1b[2m── agent ── $ npm test\x1b[22m\r\nfrom aura run\r\n\x1b[2m── exit 0 ──\x1b[22m\r\n');
  });

  it('leaves the terminals of other folders, and calls of other tools, alone', async () => {
    const { service, events, data } = setup();
    const { sessionId } = await service.open(WS, 80, 24, 'ui');
    events.emit('task.toolCall', call({ taskId: 'task-elsewhere' }));
    events.emit('task.toolCall', call({ id: 'call-2', name: 'write', input: { path: 'a.txt', content: 'x' } }));
    events.emit('task.toolCall', call({ id: 'call-3', taskId: 'unknown-task' }));
    events.emit('task.toolOutput', { taskId: 'task-elsewhere', toolCallId: 'call-1', chunk: 'nothing to see' });
    tick();
    expect(data(sessionId)).toBe('');
  });
});
