import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { clearSecretsForTests, registerSecret } from '../secrets/secret-values';
import { TerminalOutput, trimStart } from './terminal-output';

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
  clearSecretsForTests();
});

function output(scrollbackChars = 1000) {
  const sent: { data: string; offset: number }[] = [];
  const terminal = new TerminalOutput((data, offset) => sent.push({ data, offset }), { batchMs: 16, scrollbackChars });
  return { terminal, sent };
}

describe('a terminal’s output', () => {
  it('sends the first output after a quiet spell at once, the rest in one batch per tick, each with the offset where it ends', () => {
    const { terminal, sent } = output();
    terminal.write('$ ');
    expect(sent).toEqual([{ data: '$ ', offset: 2 }]);
    for (let i = 0; i < 100; i += 1) terminal.write(`${i}\n`);
    expect(sent).toHaveLength(1);
    jest.advanceTimersByTime(16);
    expect(sent).toHaveLength(2);
    const batch = sent[1]!;
    expect(batch.data.split('\n')).toHaveLength(101);
    expect(batch.offset).toBe(2 + batch.data.length);
    jest.advanceTimersByTime(100);
    terminal.write('x');
    expect(sent[2]).toEqual({ data: 'x', offset: batch.offset + 1 });
  });

  it('keeps exactly what was sent as the scrollback, bounded, cut at a line start', () => {
    const { terminal } = output(100);
    for (let i = 0; i < 50; i += 1) {
      terminal.write(`line ${i}\r\n`);
      jest.advanceTimersByTime(16);
    }
    const { scrollback, offset } = terminal.snapshot();
    expect(scrollback.length).toBeLessThanOrEqual(125);
    expect(scrollback.startsWith('line ')).toBe(true);
    expect(scrollback.endsWith('line 49\r\n')).toBe(true);
    expect(offset).toBe(Array.from({ length: 50 }, (_, i) => `line ${i}\r\n`).join('').length);
    // Not yet sent (it came within the same batch as the last line), so not in the scrollback: a page
    // attaching now gets it as an event after `offset`.
    terminal.write('pending');
    terminal.write(' and more');
    const after = terminal.snapshot();
    expect(after.scrollback.endsWith('pending')).toBe(true);
    expect(after.offset).toBe(offset + 'pending'.length);
    expect(after.scrollback).not.toContain(' and more');
  });

  it('never sends a secret that arrives cut in two, and lets an innocent prefix go after two quiet batches', () => {
    registerSecret('sk-live-0123456789abcdef');
    const { terminal, sent } = output();
    terminal.write('key: sk-live-0123');
    jest.advanceTimersByTime(16);
    terminal.write('456789abcdef\r\n');
    jest.advanceTimersByTime(16);
    expect(sent.map((s) => s.data).join('')).toBe('key: [secret redacted]\r\n');

    terminal.write('$ sk');
    jest.advanceTimersByTime(32);
    expect(sent.map((s) => s.data).join('')).toBe('key: [secret redacted]\r\n$ ');
    jest.advanceTimersByTime(16);
    expect(sent.map((s) => s.data).join('')).toBe('key: [secret redacted]\r\n$ sk');
  });

  it('sends what is left on close and takes nothing after', () => {
    const { terminal, sent } = output();
    terminal.write('last words');
    terminal.close();
    terminal.write('ignored');
    jest.advanceTimersByTime(100);
    expect(sent.map((s) => s.data)).toEqual(['last words']);
  });
});

describe('trimStart', () => {
  it('keeps the end, from the next line start when one is near, never half a character', () => {
    expect(trimStart('aaa\nbbb\nccc', 6)).toBe('ccc');
    expect(trimStart('short', 10)).toBe('short');
    expect(trimStart('x😀yz', 3)).toBe('yz');
  });
});
