import { describe, expect, it } from '@jest/globals';
import { LineRelay } from './line-relay';

function relay(maxLineChars = 20) {
  const lines: string[] = [];
  const dropped: number[] = [];
  const relay = new LineRelay({ maxLineChars, onLines: (batch) => lines.push(...batch), onDropped: (chars) => dropped.push(chars) });
  return { relay, lines, dropped };
}

describe('the stdio line relay', () => {
  it('splits on newlines across chunks and characters cut in two, without the \\r of CRLF or empty lines', () => {
    const { relay: r, lines } = relay();
    const euro = Buffer.from('€');
    r.push(Buffer.concat([Buffer.from('{"a":1}\r\n{"b":"'), euro.subarray(0, 1)]));
    r.push(Buffer.concat([euro.subarray(1), Buffer.from('"}\n\n  \n{"c"')]));
    r.push(Buffer.from(':3}'));
    r.end();
    expect(lines).toEqual(['{"a":1}', '{"b":"€"}', '{"c":3}']);
  });

  it('drops a line past the limit whole, reporting its size, and goes on with the next', () => {
    const { relay: r, lines, dropped } = relay(10);
    r.push(Buffer.from('short\n0123456789'));
    r.push(Buffer.from('0123456789\nnext\n'));
    r.flush();
    expect(lines).toEqual(['short', 'next']);
    expect(dropped).toEqual([20]);
  });

  it('hands lines on in batches, once per turn of the event loop', async () => {
    const batches: string[][] = [];
    const r = new LineRelay({ maxLineChars: 100, onLines: (batch) => batches.push(batch), onDropped: () => undefined });
    for (let i = 0; i < 100; i += 1) r.push(Buffer.from(`{"i":${i}}\n`));
    expect(batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(100);
  });
});
