import { BROWSER_LIMITS, type BrowserLogEntry, type BrowserMode, type BrowserSession, type BrowserSessionDetail } from '../../shared/browser';
import type { ErrorShape } from '../../shared/errors';

/** What the host knows of one browser session: who drives it, where its page is, and its action log. */
export class SessionState {
  mode: BrowserMode = 'agent';
  url: string | null = null;
  title: string | null = null;
  /** Whether the worker holds a context for it (false after a close, a stop, a crash). */
  open = false;
  /** Agent calls running or waiting on it. */
  busy = 0;
  updatedAt = new Date().toISOString();
  /** Aborts the agent's calls in flight when the user presses Stop. */
  readonly inFlight = new Set<AbortController>();
  /** Set while the user has taken over: agent calls wait for it to settle. */
  private handBack: { promise: Promise<void>; resolve(): void } | null = null;
  private readonly log: BrowserLogEntry[] = [];
  private nextId = 0;

  constructor(
    readonly id: string,
    readonly taskId: string | null,
    readonly label: string,
  ) {}

  info(): BrowserSession {
    return { id: this.id, taskId: this.taskId, label: this.label, mode: this.mode, url: this.url, title: this.title, open: this.open, busy: this.busy > 0, updatedAt: this.updatedAt };
  }

  detail(): BrowserSessionDetail {
    return { ...this.info(), log: [...this.log] };
  }

  setMode(mode: BrowserMode): void {
    this.mode = mode;
    if (mode === 'user') {
      let resolve!: () => void;
      this.handBack ??= { promise: new Promise<void>((done) => (resolve = done)), resolve: () => resolve() };
    } else {
      this.handBack?.resolve();
      this.handBack = null;
    }
    this.touch();
  }

  isStopped(): boolean {
    return this.mode === 'stopped';
  }

  /** Resolves once the user hands the page back (or stops it); at once when the agent has it. */
  untilAgentMayAct(): Promise<void> {
    return this.handBack?.promise ?? Promise.resolve();
  }

  page(url: string, title: string): void {
    this.url = url;
    this.title = title;
    this.open = true;
    this.touch();
  }

  touch(): void {
    this.updatedAt = new Date().toISOString();
  }

  /** Adds an entry to the log, dropping the oldest past the limit. */
  add(entry: Omit<BrowserLogEntry, 'id' | 'at' | 'outcome' | 'error'>): BrowserLogEntry {
    const added: BrowserLogEntry = { ...entry, id: this.nextId++, at: new Date().toISOString(), outcome: null, error: null };
    this.log.push(added);
    if (this.log.length > BROWSER_LIMITS.actionLog) this.log.shift();
    return added;
  }

  /** Updates an entry in place (it is the same object the log holds) and returns it. */
  settle(entry: BrowserLogEntry, status: BrowserLogEntry['status'], outcome: string | null, error: ErrorShape | null = null): BrowserLogEntry {
    entry.status = status;
    entry.outcome = outcome;
    entry.error = error;
    return entry;
  }
}
