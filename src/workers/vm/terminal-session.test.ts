import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { SandboxCommand } from './sandbox-process';
import { TerminalSession, type Pty, type SpawnPty } from './terminal-session';

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** A pty played by the test: what the program prints, whether it is paused, how it was started. */
function fakePty() {
  let onData: (data: string) => void = () => undefined;
  let onExit: (exit: { exitCode: number; signal?: number }) => void = () => undefined;
  const state = { paused: false, pauses: 0, written: [] as string[], size: [0, 0], killed: null as string | null, spawned: null as null | { file: string; args: string[]; env: Record<string, string> } };
  const pty: Pty = {
    pid: 4242,
    onData: (listener) => ((onData = listener), { dispose: () => undefined }),
    onExit: (listener) => ((onExit = listener), { dispose: () => undefined }),
    write: (data) => void state.written.push(data),
    resize: (cols, rows) => void (state.size = [cols, rows]),
    kill: (signal) => {
      state.killed = signal ?? 'SIGHUP';
      onExit({ exitCode: 0, signal: 9 });
    },
    pause: () => void ((state.paused = true), (state.pauses += 1)),
    resume: () => void (state.paused = false),
  };
  const spawn: SpawnPty = (file, args, options) => ((state.spawned = { file, args, env: options.env }), pty);
  return { spawn, state, print: (data: string) => onData(data), exit: (exitCode: number) => onExit({ exitCode }) };
}

function session(pacing = { batchMs: 16, batchChars: 10 }) {
  const fake = fakePty();
  const released = { count: 0 };
  const command: SandboxCommand = { argv: ['/usr/bin/bwrap', '--unshare-all', '--', '/usr/bin/bash'], env: { TERM: 'xterm-256color' }, cwd: '/work/ws', release: () => void (released.count += 1) };
  const sent: string[] = [];
  const terminal = new TerminalSession(command, { cols: 80, rows: 24 }, fake.spawn, (data) => sent.push(data), pacing);
  return { ...fake, terminal, sent, released };
}

describe('a terminal session in the worker', () => {
  it('starts bubblewrap on a pty with no environment of the worker’s', () => {
    const { state } = session();
    expect(state.spawned).toEqual({ file: '/usr/bin/bwrap', args: ['--unshare-all', '--', '/usr/bin/bash'], env: {} });
  });

  it('sends output at once after a quiet spell, else in batches of at most batchChars per tick', () => {
    const { print, sent } = session();
    print('abc');
    expect(sent).toEqual(['abc']);
    print('def');
    print('ghi');
    expect(sent).toEqual(['abc']);
    jest.advanceTimersByTime(16);
    expect(sent).toEqual(['abc', 'defghi']);
    jest.advanceTimersByTime(100);
    print('0123456789ABCDEFGHIJ!');
    expect(sent.slice(2)).toEqual(['0123456789']);
    jest.advanceTimersByTime(16);
    expect(sent.slice(2)).toEqual(['0123456789', 'ABCDEFGHIJ']);
    jest.advanceTimersByTime(16);
    expect(sent.slice(2)).toEqual(['0123456789', 'ABCDEFGHIJ', '!']);
  });

  it('pauses the program while a flood waits, and resumes it once drained', () => {
    const { print, sent, state } = session();
    print('x');
    print('x'.repeat(44));
    expect(state.paused).toBe(true);
    jest.advanceTimersByTime(16 * 3);
    expect(state.paused).toBe(true);
    jest.advanceTimersByTime(16);
    expect(state.paused).toBe(false);
    jest.advanceTimersByTime(16);
    expect(sent.join('')).toBe('x'.repeat(45));
    expect(sent.every((batch) => batch.length <= 10)).toBe(true);
    expect(state.pauses).toBe(1);
  });

  it('never splits a character made of two UTF-16 halves', () => {
    const { print, sent } = session({ batchMs: 16, batchChars: 4 });
    print('abc😀def');
    jest.advanceTimersByTime(16 * 4);
    expect(sent).toEqual(['abc', '😀de', 'f']);
    expect(sent.join('')).toBe('abc😀def');
  });

  it('writes keystrokes and resizes while alive, not after', async () => {
    const { terminal, state, exit } = session();
    expect(terminal.write('ls\r')).toBe(true);
    expect(terminal.resize(100, 40)).toBe(true);
    expect(state.written).toEqual(['ls\r']);
    expect(state.size).toEqual([100, 40]);
    exit(0);
    expect(await terminal.exited).toEqual({ exitCode: 0 });
    expect(terminal.write('x')).toBe(false);
    expect(terminal.resize(10, 10)).toBe(false);
  });

  it('sends what is left when the program exits, and frees the process limit', async () => {
    const { terminal, print, exit, sent, released } = session();
    print('bye\r\n');
    exit(3);
    expect(await terminal.exited).toEqual({ exitCode: 3 });
    expect(sent).toEqual(['bye\r\n']);
    expect(released.count).toBe(1);
  });

  it('stops by killing bubblewrap (the sandbox dies with it), and reports no exit code', async () => {
    const { terminal, state } = session();
    await terminal.stop();
    expect(state.killed).toBe('SIGKILL');
    expect(await terminal.exited).toEqual({ exitCode: null });
  });
});
