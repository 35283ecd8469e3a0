import type { AuraError } from '../../shared/errors';

/**
 * Long-lived things of the VM worker by key (shells, file helpers), each ended after `idleMs` unused.
 * "Unused" counts from the end of the last call: an item with a call in flight is never ended for being
 * idle (a shell command may run for up to an hour, longer than the idle time).
 */
export class Keyed<T extends { close(): Promise<void> }> {
  private readonly items = new Map<string, { item: T; fingerprint: string; timer: NodeJS.Timeout | null; busy: number }>();

  constructor(private readonly idleMs: number) {}

  /** The item for `key`, made anew when its sandbox changed (the settings did); `replaced` says so. */
  get(key: string, fingerprint: string, make: () => T): { item: T; replaced: boolean } {
    const found = this.items.get(key);
    if (found && found.fingerprint === fingerprint) {
      found.timer?.refresh();
      return { item: found.item, replaced: false };
    }
    if (found) void this.close(key);
    const item = make();
    this.items.set(key, { item, fingerprint, timer: null, busy: 0 });
    this.arm(key);
    return { item, replaced: found !== undefined };
  }

  /** Runs `call` on the item for `key`: its idle timer is stopped until the call (and any other) is over. */
  async use<R>(key: string, fingerprint: string, make: () => T, call: (item: T, replaced: boolean) => Promise<R>): Promise<R> {
    const { item, replaced } = this.get(key, fingerprint, make);
    const entry = this.items.get(key);
    if (entry) {
      entry.busy += 1;
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
    }
    try {
      return await call(item, replaced);
    } finally {
      // Only if it is still the same item: it may have been replaced or closed meanwhile.
      const now = this.items.get(key);
      if (now && now === entry) {
        now.busy -= 1;
        if (now.busy === 0) this.arm(key);
      }
    }
  }

  async close(key: string): Promise<boolean> {
    const found = this.items.get(key);
    if (!found) return false;
    this.items.delete(key);
    if (found.timer) clearTimeout(found.timer);
    await found.item.close();
    return true;
  }

  private arm(key: string): void {
    const entry = this.items.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.close(key), this.idleMs);
    entry.timer.unref();
  }
}

/**
 * `load()` once, its result kept; a failure is not kept (the next call tries again) and reaches the caller
 * as an AuraError saying what to check.
 */
export function cachedUnlessFailed<T>(load: () => Promise<T>, describe: (err: unknown) => AuraError): () => Promise<T> {
  let cached: Promise<T> | null = null;
  return () => {
    cached ??= load().catch((err: unknown) => {
      cached = null;
      throw describe(err);
    });
    return cached;
  };
}
