/**
 * A background host's way out: once nothing needs it (no client connected, no task running) for `idleMs`,
 * `onIdle` runs. Every change that might end or begin idleness calls `check()`; nothing polls.
 */
export function idleExit(idleMs: number, isBusy: () => boolean, onIdle: () => void): { check(): void; dispose(): void } {
  let timer: NodeJS.Timeout | null = null;
  const check = () => {
    if (isBusy()) {
      if (timer) clearTimeout(timer);
      timer = null;
    } else if (!timer) {
      timer = setTimeout(() => (isBusy() ? check() : onIdle()), idleMs);
    }
  };
  return {
    check,
    dispose: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
