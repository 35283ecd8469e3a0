/** A signal that fires when `parent` does or when `ms` have passed, whichever is first. */
export interface Deadline {
  signal: AbortSignal;
  /** True when it was the time that ran out, not the parent. */
  expired(): boolean;
  /** Ends the step early for a reason of the engine's own (a tool that keeps failing); `stopped` returns it. */
  stop(reason: Error): void;
  stopped(): Error | null;
  dispose(): void;
}

/**
 * One controller and one timer, released by `dispose`. Node 20's AbortSignal.any + AbortSignal.timeout
 * cost about a millisecond per step and keep their signals until garbage collection.
 */
export function deadline(parent: AbortSignal, ms: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  let stoppedFor: Error | null = null;
  const onAbort = () => controller.abort(parent.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(Object.assign(new Error(`took longer than ${Math.round(ms / 1000)} s`), { name: 'TimeoutError' }));
  }, ms);
  timer.unref();
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    expired: () => timedOut,
    stop(reason) {
      stoppedFor ??= reason;
      controller.abort(reason);
    },
    stopped: () => stoppedFor,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
      // Whatever still hangs on the step (an approval nobody answered) is released with it.
      controller.abort(new Error('The step ended.'));
    },
  };
}
