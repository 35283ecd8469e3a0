import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMPUTER_LIMITS,
  COMPUTER_METHODS,
  COMPUTER_WORKER,
  DisplayName,
  type ApprovalImage,
  type ComputerAction,
  type ComputerActionEntry,
  type ComputerMethods,
  type ComputerStatus,
  type InputAction,
  type ScreenImage,
  type ScreenMarker,
} from '../../shared/computer';
import { AuraError } from '../../shared/errors';
import { SCREENSHOTS_DIR, type ImageOutput } from '../../shared/image-output';
import { TERMINAL_STATUSES, type Task } from '../../shared/tasks';
import type { EventBus } from '../events/event-bus';
import { writeFileAtomic } from '../files/atomic-file';
import type { Logger } from '../logging/logger';
import type { SettingsService } from '../settings/settings-service';
import type { ToolContext } from '../tools/tool-definition';
import type { WorkerClient } from '../workers/worker-client';
import type { WorkerPool } from '../workers/worker-pool';

export interface ComputerServiceDeps {
  workers: WorkerPool;
  settings: SettingsService;
  events: EventBus;
  logger: Logger;
  /** Aura's data folder: screenshots go to <data>/screenshots/computer. */
  dataDir: string;
  /** The host's environment: DISPLAY when no display is set, XAUTHORITY for the worker. */
  env: NodeJS.ProcessEnv;
  /** The tasks whose actions are logged, and how to stop one (the page's Stop button). */
  tasks: { get(taskId: string): Task };
  cancelTask(taskId: string): void;
  platform?: NodeJS.Platform;
}

/** The live view's default width: enough to read, a fraction of a 4K screen's bytes. */
const LIVE_WIDTH = 1280;
const PROBE_MS = 10_000;
/** Approval screenshots kept for calls that may still be waiting. */
const KEPT_APPROVALS = 100;

type Entry = ComputerActionEntry & { image: { path: string; width: number; height: number } | null };
type Approval = { image: Entry['image']; reason: string | null; target: ApprovalImage['target'] };
type Frame = ScreenImage & { at: string };
type Capture = { png: Uint8Array; width: number; height: number };

/** Where an action's target is marked: the point it acts on, or (keys) the window they go to. */
function markerFor(action: ComputerAction): ScreenMarker | null {
  switch (action.kind) {
    case 'click':
    case 'move':
      return { kind: 'point', x: action.x, y: action.y };
    case 'scroll':
      return action.x !== undefined && action.y !== undefined ? { kind: 'point', x: action.x, y: action.y } : { kind: 'focus' };
    case 'type':
    case 'key':
      return { kind: 'focus' };
    case 'screenshot':
      return null;
  }
}

/** What an action did, in words the model and the log read. */
export function describeAction(action: InputAction): string {
  switch (action.kind) {
    case 'click':
      return `${action.double ? 'double-clicked' : 'clicked'} the ${action.button} button at (${action.x}, ${action.y})`;
    case 'move':
      return `moved the pointer to (${action.x}, ${action.y})`;
    case 'type':
      return `typed ${action.text.length} character${action.text.length === 1 ? '' : 's'}`;
    case 'key':
      return `pressed ${action.keys}`;
    case 'scroll':
      return `scrolled ${action.direction} ${action.amount} time${action.amount === 1 ? '' : 's'}${action.x === undefined ? '' : ` at (${action.x}, ${action.y})`}`;
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The host's side of computer use: which display (Settings, else DISPLAY), the computer worker's calls,
 * the screenshots kept under the data folder, the action log the Computer Use page shows, the marked
 * screenshots approvals ask with, the throttled live view, and Stop. The worker starts with the first call.
 */
export class ComputerService {
  private client: WorkerClient<ComputerMethods> | undefined;
  private readonly log: Entry[] = [];
  private readonly running = new Map<string, { controller: AbortController; taskId: string | null }>();
  private readonly approvals = new Map<string, Approval>();
  private live: { at: number; maxWidth: number; frame: Promise<Frame> } | undefined;
  private saved = 0;
  private readonly folder: string;

  constructor(private readonly deps: ComputerServiceDeps) {
    this.folder = join(deps.dataDir, SCREENSHOTS_DIR, 'computer');
  }

  private worker(): WorkerClient<ComputerMethods> {
    // A desktop session's X server wants its cookie; the allowlisted environment leaves XAUTHORITY out.
    const xauthority = this.deps.env.XAUTHORITY;
    this.client ??= this.deps.workers.create(COMPUTER_WORKER, COMPUTER_METHODS, xauthority ? { env: { XAUTHORITY: xauthority } } : {});
    return this.client;
  }

  /** The worker's process id while it runs (the tests that kill it). */
  get workerPid(): number | undefined {
    return this.client?.pid;
  }

  /** The display in use: the one set in Settings, else the DISPLAY Aura Work started with; null when neither. */
  display(): string | null {
    const chosen = this.deps.settings.getAll().computerDisplay;
    if (chosen) return chosen;
    const inherited = this.deps.env.DISPLAY?.trim();
    return inherited ? inherited : null;
  }

  /** The display to act on, or the reason there is none, with its fix. */
  private requireDisplay(): string {
    const platform = this.deps.platform ?? process.platform;
    if (platform !== 'linux') throw new AuraError('IO_ERROR', `Computer use works on Linux with an X11 display only; this is ${platform}.`, 'Run Aura Work on a Linux desktop (X11 or XWayland) to use it.');
    const display = this.display();
    if (!display) throw new AuraError('IO_ERROR', 'There is no X display to use: DISPLAY is not set and no display is chosen in Settings.', 'Start Aura Work from your desktop session, or choose a display: aura settings set computerDisplay :0');
    const parsed = DisplayName.safeParse(display);
    if (!parsed.success) throw new AuraError('IO_ERROR', `DISPLAY is "${display.slice(0, 100)}", which is not an X display name.`, 'Choose one in Settings: aura settings set computerDisplay :0');
    return parsed.data;
  }

  /** For the page and Readiness: whether the display answers, and its size. */
  async status(): Promise<ComputerStatus> {
    const display = this.display();
    try {
      const checked = this.requireDisplay();
      const { width, height } = await this.worker().call('computer.probe', { display: checked }, { timeoutMs: PROBE_MS });
      return { available: true, display: checked, width, height, reason: null, fix: null };
    } catch (err) {
      return { available: false, display, width: null, height: null, reason: message(err), fix: err instanceof AuraError ? (err.hint ?? null) : null };
    }
  }

  private capture(display: string, marker: ScreenMarker | null, signal?: AbortSignal, maxWidth?: number): Promise<Capture> {
    return this.worker().call('computer.capture', { display, marker, ...(maxWidth ? { maxWidth } : {}) }, signal ? { signal } : { timeoutMs: 30_000 });
  }

  /** Writes a PNG under <data>/screenshots/computer (atomically, owner-only) and keeps the folder bounded. */
  private save(png: Uint8Array, kind: string): string {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const path = join(this.folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${kind}-${randomUUID().slice(0, 8)}.png`);
    writeFileAtomic(path, png, 0o600);
    if (++this.saved % 20 === 0) this.prune();
    return path;
  }

  /** Removes the oldest screenshots past the limit (names start with their time, so they sort by age). */
  private prune(): void {
    try {
      const files = readdirSync(this.folder).filter((name) => name.endsWith('.png')).sort();
      for (const name of files.slice(0, Math.max(0, files.length - COMPUTER_LIMITS.keptScreenshots))) rmSync(join(this.folder, name), { force: true });
    } catch (err) {
      this.deps.logger.warn('old screenshots could not be removed', { error: message(err) });
    }
  }

  private begin(tool: string, action: ComputerAction, taskId: string | null): Entry {
    const entry: Entry = { id: randomUUID(), taskId, tool, action, status: 'running', error: null, hasImage: false, at: new Date().toISOString(), durationMs: null, image: null };
    this.log.push(entry);
    if (this.log.length > COMPUTER_LIMITS.actionLog) this.log.splice(0, this.log.length - COMPUTER_LIMITS.actionLog);
    this.emit(entry);
    return entry;
  }

  private end(entry: Entry, error: unknown): void {
    entry.status = error === null ? 'done' : 'failed';
    entry.error = error === null ? null : message(error);
    entry.durationMs = Math.max(0, Math.round(Date.now() - Date.parse(entry.at)));
    this.emit(entry);
  }

  private emit({ image, ...entry }: Entry): void {
    this.deps.events.emit('computer.action', { ...entry, hasImage: image !== null });
  }

  /** `computer_screenshot`: the whole screen, saved as a PNG; the result is its path and size (the shared image shape). */
  async screenshot(ctx: ToolContext): Promise<ImageOutput> {
    const display = this.requireDisplay();
    const entry = this.begin('computer_screenshot', { kind: 'screenshot' }, ctx.taskId);
    try {
      const shot = await this.capture(display, null, ctx.signal);
      const path = this.save(shot.png, 'screen');
      entry.image = { path, width: shot.width, height: shot.height };
      this.end(entry, null);
      return { path, mimeType: 'image/png', width: shot.width, height: shot.height };
    } catch (err) {
      this.end(entry, err);
      throw err;
    }
  }

  /**
   * One mouse or keyboard action. The screen is shot first with the target marked (the log's picture of
   * what was done, shown as soon as it is taken); a shot that fails does not stop the action. Stop (or
   * the task's end) cancels it mid-way.
   */
  async act(tool: string, action: InputAction, ctx: ToolContext): Promise<{ done: true; did: string }> {
    const display = this.requireDisplay();
    const entry = this.begin(tool, action, ctx.taskId);
    const controller = new AbortController();
    const signal = AbortSignal.any([ctx.signal, controller.signal]);
    this.running.set(entry.id, { controller, taskId: ctx.taskId });
    try {
      try {
        const shot = await this.capture(display, markerFor(action), signal);
        entry.image = { path: this.save(shot.png, 'action'), width: shot.width, height: shot.height };
        this.emit(entry);
      } catch (err) {
        // A stop, or a worker that died, ends the action too; a picture that only failed to be taken does not.
        if (signal.aborted || (err instanceof AuraError && err.code === 'WORKER_CRASHED')) throw err;
        this.deps.logger.warn('the screenshot before a computer action failed', { tool, error: message(err) });
      }
      await this.worker().call('computer.act', { display, action }, { signal });
      this.end(entry, null);
      const did = describeAction(action);
      return { done: true, did: `${did.charAt(0).toUpperCase()}${did.slice(1)}. Take a screenshot to see the result.` };
    } catch (err) {
      const stopped = controller.signal.aborted ? (controller.signal.reason as AuraError) : err;
      this.end(entry, stopped);
      throw stopped;
    } finally {
      this.running.delete(entry.id);
    }
  }

  /** Before an action asks: a fresh screenshot with its target marked, kept for the approval to show. */
  async prepareApproval(action: InputAction, toolCallId: string | undefined): Promise<void> {
    if (!toolCallId) return;
    const marker = markerFor(action);
    const target = marker?.kind === 'point' ? { x: marker.x, y: marker.y } : null;
    let kept: Approval;
    try {
      const shot = await this.capture(this.requireDisplay(), marker);
      kept = { image: { path: this.save(shot.png, 'approval'), width: shot.width, height: shot.height }, reason: null, target };
    } catch (err) {
      kept = { image: null, reason: message(err), target };
    }
    this.approvals.set(toolCallId, kept);
    while (this.approvals.size > KEPT_APPROVALS) this.approvals.delete(this.approvals.keys().next().value as string);
  }

  approvalImage(toolCallId: string): ApprovalImage {
    const kept = this.approvals.get(toolCallId);
    if (!kept) return { image: null, reason: 'No screenshot was taken for this call.', target: null };
    return { image: kept.image && this.read(kept.image), reason: kept.reason, target: kept.target };
  }

  actions(): ComputerActionEntry[] {
    return this.log.map(({ image, ...entry }) => ({ ...entry, hasImage: image !== null }));
  }

  actionImage(id: string): ScreenImage {
    const image = this.log.find((entry) => entry.id === id)?.image;
    if (!image) throw new AuraError('NOT_FOUND', 'That action has no screenshot.', 'It may have been dropped from the log; the newest actions are kept.');
    return this.read(image);
  }

  private read({ path, width, height }: NonNullable<Entry['image']>): ScreenImage {
    try {
      return { image: readFileSync(path).toString('base64'), width, height };
    } catch {
      throw new AuraError('NOT_FOUND', 'That screenshot was removed.', `Only the newest ${COMPUTER_LIMITS.keptScreenshots} screenshots are kept.`);
    }
  }

  /** The live view: a fresh frame at most every `COMPUTER_LIMITS.liveFrameMs`, shared by every page that asks. */
  screen(maxWidth = LIVE_WIDTH): Promise<Frame> {
    const now = Date.now();
    if (this.live && this.live.maxWidth === maxWidth && now - this.live.at < COMPUTER_LIMITS.liveFrameMs) return this.live.frame;
    const frame = (async () => {
      const shot = await this.capture(this.requireDisplay(), null, undefined, maxWidth);
      return { image: Buffer.from(shot.png).toString('base64'), width: shot.width, height: shot.height, at: new Date().toISOString() };
    })();
    this.live = { at: now, maxWidth, frame };
    frame.catch(() => {
      if (this.live?.frame === frame) this.live = undefined;
    });
    return frame;
  }

  /** Stop: cancels the running actions and every task of the log that is still going. */
  stop(): { tasks: number; actions: number } {
    const actions = this.running.size;
    for (const { controller } of this.running.values()) controller.abort(new AuraError('CANCELLED', 'Computer use was stopped from the Computer Use page.'));
    let tasks = 0;
    for (const taskId of new Set(this.log.map((entry) => entry.taskId).filter((id): id is string => id !== null))) {
      let status: Task['status'];
      try {
        status = this.deps.tasks.get(taskId).status;
      } catch {
        continue; // removed meanwhile
      }
      if (TERMINAL_STATUSES.includes(status)) continue;
      this.deps.cancelTask(taskId);
      tasks += 1;
    }
    return { tasks, actions };
  }
}
