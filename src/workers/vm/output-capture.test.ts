import { describe, expect, it } from '@jest/globals';
import { OutputCapture } from './output-capture';

const end = (id: string, code: number, cwd: string) => `\x1eAURA:${id}:${code}:${cwd}\x1e`;

describe('OutputCapture', () => {
  it('streams output, stops at its own marker, and keeps what came after it', () => {
    const capture = new OutputCapture('abc', { keepBytes: 1000, streamBytes: 1000 });
    expect(capture.push(Buffer.from('hello '))).toBe('hello ');
    expect(capture.push(Buffer.from(`world${end('zzz', 0, '/x')}\n`))).toContain('world');
    expect(capture.done).toBeNull();
    expect(capture.push(Buffer.from(`bye${end('abc', 3, '/work/dir')}late`))).toBe('bye');
    expect(capture.done).toMatchObject({ exitCode: 3, cwd: '/work/dir' });
    expect(capture.done?.rest.toString()).toBe('late');
    expect(capture.output()).toEqual({ text: `hello world${end('zzz', 0, '/x')}\nbye`, truncated: false });
  });

  it('finds a marker split across chunks at any point, and never streams a piece of it', () => {
    const whole = `out${end('id1', 7, '/a:b')}`;
    for (let cut = 1; cut < whole.length; cut += 1) {
      const capture = new OutputCapture('id1', { keepBytes: 1000, streamBytes: 1000 });
      const streamed = capture.push(Buffer.from(whole.slice(0, cut))) + capture.push(Buffer.from(whole.slice(cut)));
      expect({ cut, streamed, done: capture.done?.exitCode }).toEqual({ cut, streamed: 'out', done: 7 });
      expect(capture.done?.cwd).toBe('/a:b');
    }
  });

  it('keeps the head and the tail within its budget and says what it dropped', () => {
    const capture = new OutputCapture('id', { keepBytes: 400, streamBytes: 150 });
    let streamed = '';
    for (let i = 0; i < 100; i += 1) streamed += capture.push(Buffer.from(`line ${String(i).padStart(3, '0')}\n`));
    capture.push(Buffer.from(end('id', 0, '/')));
    const { text, truncated } = capture.output();
    expect(truncated).toBe(true);
    expect(text.startsWith('line 000\n')).toBe(true);
    expect(text.endsWith('line 099\n')).toBe(true);
    expect(text).toMatch(/\[… \d+ bytes of output omitted …\]/);
    expect(Buffer.byteLength(text)).toBeLessThan(500);
    expect(streamed).toContain('streaming stopped here');
    expect(streamed.startsWith('line 000')).toBe(true);
  });

  it('does not split characters when streaming', () => {
    const capture = new OutputCapture('id', { keepBytes: 1000, streamBytes: 1000 });
    const bytes = Buffer.from('héllo ✓');
    let streamed = '';
    for (const byte of bytes) streamed += capture.push(Buffer.from([byte]));
    capture.push(Buffer.from(end('id', 0, '/')));
    expect(streamed).toBe('héllo ✓');
  });
});
