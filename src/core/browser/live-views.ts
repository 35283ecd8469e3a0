import { BROWSER_LIMITS, type BrowserMethods } from '../../shared/browser';
import type { EventBus } from '../events/event-bus';
import type { WorkerClient } from '../workers/worker-client';
import type { SessionState } from './browser-log';

export interface LiveViewsDeps {
  /** The browser worker, if it was started: a live view never starts it on its own. */
  worker(): WorkerClient<BrowserMethods> | undefined;
  events: EventBus;
  /** The watched page moved (a link, a popup): where it is now. */
  onPage(state: SessionState, url: string, title: string): void;
}

interface Watch {
  /** Frames stop when the page that asked for them has not renewed its watch by then. */
  until: number;
  timer: NodeJS.Timeout | undefined;
  /** The worker's `browser.liveView` call, while it runs. */
  running: AbortController | null;
  seq: number;
}

/**
 * The live views of browser sessions: while a page watches a session (and renews its watch within
 * `watchLeaseMs`), the worker streams its current page and each frame goes out as `browser.frame`.
 * Nothing is streamed for a session nobody watches. A stream that ended (no page yet, a crash) starts
 * again with `ensure`, which the service calls after each action.
 */
export class LiveViews {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly deps: LiveViewsDeps) {}

  watch(state: SessionState): void {
    let watch = this.watches.get(state.id);
    if (!watch) {
      watch = { until: 0, timer: undefined, running: null, seq: 0 };
      this.watches.set(state.id, watch);
    }
    watch.until = Date.now() + BROWSER_LIMITS.watchLeaseMs;
    clearTimeout(watch.timer);
    watch.timer = setTimeout(() => this.expire(state.id), BROWSER_LIMITS.watchLeaseMs + 50);
    watch.timer.unref();
    this.ensure(state);
  }

  unwatch(id: string): void {
    const watch = this.watches.get(id);
    if (!watch) return;
    clearTimeout(watch.timer);
    watch.running?.abort();
    this.watches.delete(id);
  }

  /** Stops the stream of a session whose context closed; a watch stays, for when it opens again. */
  end(id: string): void {
    const watch = this.watches.get(id);
    watch?.running?.abort();
    if (watch) watch.running = null;
  }

  /** Starts the stream of a watched session that has a page and no stream running. */
  ensure(state: SessionState): void {
    const watch = this.watches.get(state.id);
    const worker = this.deps.worker();
    if (!watch || watch.running || !state.open || !worker) return;
    const running = new AbortController();
    watch.running = running;
    worker
      .call(
        'browser.liveView',
        { session: state.id },
        {
          signal: running.signal,
          onProgress: (data) => {
            if (data.kind === 'page') return this.deps.onPage(state, data.url, data.title);
            this.deps.events.emit('browser.frame', { sessionId: state.id, seq: watch.seq++, data: data.data, width: data.width, height: data.height });
          },
        },
      )
      .catch(() => undefined)
      .finally(() => {
        if (watch.running === running) watch.running = null;
      });
  }

  private expire(id: string): void {
    const watch = this.watches.get(id);
    if (watch && Date.now() >= watch.until) this.unwatch(id);
  }
}
