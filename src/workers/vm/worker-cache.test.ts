import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { AuraError } from '../../shared/errors';
import { cachedUnlessFailed, Keyed } from './worker-cache';

const IDLE = 1000;

class Item {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

describe('Keyed', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('ends an item left unused for the idle time', async () => {
    const keyed = new Keyed<Item>(IDLE);
    const { item } = keyed.get('a', 'f', () => new Item());
    await jest.advanceTimersByTimeAsync(IDLE + 1);
    expect(item.closed).toBe(true);
  });

  it('never ends an item while a call on it is in flight, and counts idle time from when the call ends', async () => {
    const keyed = new Keyed<Item>(IDLE);
    let finish: () => void = () => undefined;
    let used: Item | undefined;
    const call = keyed.use('a', 'f', () => new Item(), (item) => {
      used = item;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    await jest.advanceTimersByTimeAsync(IDLE * 5);
    expect(used?.closed).toBe(false);
    finish();
    await call;
    await jest.advanceTimersByTimeAsync(IDLE - 10);
    expect(used?.closed).toBe(false);
    await jest.advanceTimersByTimeAsync(20);
    expect(used?.closed).toBe(true);
  });

  it('keeps the item while any of several calls is in flight', async () => {
    const keyed = new Keyed<Item>(IDLE);
    const finishers: (() => void)[] = [];
    let used: Item | undefined;
    const call = () =>
      keyed.use('a', 'f', () => new Item(), (item) => {
        used = item;
        return new Promise<void>((resolve) => finishers.push(resolve));
      });
    const first = call();
    const second = call();
    finishers[0]?.();
    await first;
    await jest.advanceTimersByTimeAsync(IDLE * 3);
    expect(used?.closed).toBe(false);
    finishers[1]?.();
    await second;
    await jest.advanceTimersByTimeAsync(IDLE + 1);
    expect(used?.closed).toBe(true);
  });
});

describe('cachedUnlessFailed', () => {
  it('keeps a result, but tries again after a failure, which it reports as an AuraError with a hint', async () => {
    let calls = 0;
    const load = cachedUnlessFailed(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('ENOSPC: no space left on device');
        return calls;
      },
      (err) => new AuraError('IO_ERROR', `self-test failed: ${(err as Error).message}`, 'Free some space in /tmp.'),
    );
    await expect(load()).rejects.toMatchObject({ name: 'AuraError', code: 'IO_ERROR', message: expect.stringContaining('ENOSPC'), hint: 'Free some space in /tmp.' });
    await expect(load()).resolves.toBe(2);
    await expect(load()).resolves.toBe(2);
    expect(calls).toBe(2);
  });
});
