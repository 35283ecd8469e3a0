import { describe, expect, it } from '@jest/globals';
import { InputQueue } from './input-queue';

/** Lets the queue's awaits resume: a few turns of the microtask queue, no timer. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
}

/** A transport whose writes the test answers one by one. */
function transport() {
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  const send = (data: string) => new Promise<void>((resolve) => (sent.push(data), pending.push(resolve)));
  const answer = async () => {
    pending.shift()?.();
    await settle();
  };
  return { sent, send, answer };
}

describe('the terminal’s input queue', () => {
  it('keeps one write in flight and sends what was typed meanwhile together, in order', async () => {
    const { sent, send, answer } = transport();
    const queue = new InputQueue(send, 100, () => undefined);
    queue.push('l');
    queue.push('s');
    queue.push(' -a');
    queue.push('\r');
    expect(sent).toEqual(['l']);
    await answer();
    expect(sent).toEqual(['l', 's -a\r']);
    await answer();
    expect(sent).toEqual(['l', 's -a\r']);
  });

  it('splits a paste into pieces the contract accepts, never inside a character', async () => {
    const { sent, send, answer } = transport();
    const queue = new InputQueue(send, 4, () => undefined);
    queue.push('abc😀defgh');
    for (let i = 0; i < 4; i += 1) await answer();
    expect(sent).toEqual(['abc', '😀de', 'fgh']);
    expect(sent.every((piece) => piece.length <= 4)).toBe(true);
  });

  it('reports a failed write and drops what was queued behind it', async () => {
    const errors: unknown[] = [];
    const sent: string[] = [];
    let fail!: (err: unknown) => void;
    const queue = new InputQueue((data) => (sent.push(data), new Promise((_, reject) => (fail = reject))), 100, (err) => errors.push(err));
    queue.push('a');
    queue.push('b');
    fail(new Error('closed'));
    await settle();
    expect(errors).toEqual([new Error('closed')]);
    expect(sent).toEqual(['a']);
  });
});
