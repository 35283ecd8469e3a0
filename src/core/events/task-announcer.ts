import { createHash } from 'node:crypto';
import type { EventPayload } from '../../shared/contract';
import { canonicalJson } from '../audit/canonical-json';
import type { TaskHistory } from '../tasks/task-history';
import type { TaskStore } from '../tasks/task-store';
import type { EventBus } from './event-bus';

type RowEvent = 'task.updated' | 'task.step' | 'task.message' | 'task.toolCall' | 'task.review' | 'task.modelCall';
type Row = { id: string; taskId?: string };

/** The events that carry one row of a task's history, and the kind of row each carries. */
const ROW_EVENTS: Record<RowEvent, string> = {
  'task.updated': 'task',
  'task.step': 'step',
  'task.message': 'message',
  'task.toolCall': 'toolCall',
  'task.review': 'review',
  'task.modelCall': 'modelCall',
};

/** How many tasks' row fingerprints are kept; an older task changed again is simply sent whole. */
const TASKS_KEPT = 200;

/**
 * Every write to a task's history moves its `updated_at` (migration 002's triggers), so an unchanged task
 * row means an unchanged history, and its history is not read again. The exception is a second write in
 * the same millisecond as one already seen; a task changed this recently is always read again, and the
 * look that follows such a write comes well within this time.
 */
const SETTLED_MS = 5_000;

/**
 * How much of a changed task's timeline is read again: its newest items, which hold every row a run
 * still changes (a tool call moving on, a new message). Reading a task of thousands of items whole on
 * every look took the host's thread for 100–200 ms each second an `aura run` went on.
 */
const RECENT_ITEMS = 200;

/** Key order differs between a record built in code and one read back; canonical JSON sorts the keys. */
const fingerprint = (value: unknown): string => createHash('sha1').update(canonicalJson(value)).digest('base64');

/**
 * Tells windows about task rows another process wrote (an `aura run` in a terminal): only rows that are
 * new or changed since this process last sent or saw them, so a long run is not re-sent on every commit.
 */
export class TaskAnnouncer {
  /** Per task, least recently touched first: the fingerprint of every row as last sent or seen. */
  private readonly known = new Map<string, Map<string, string>>();
  private readonly unsubscribe: () => void;
  private seenAt: string;

  constructor(
    private readonly tasks: TaskStore,
    private readonly history: TaskHistory,
    private readonly events: EventBus,
  ) {
    this.seenAt = tasks.lastUpdatedAt();
    // What this process announces itself needs no second announcement.
    this.unsubscribe = events.subscribe((event, payload) => {
      if (event in ROW_EVENTS) this.remember(payload as Row, ROW_EVENTS[event as RowEvent]);
    });
  }

  announce(): void {
    let mark = this.seenAt;
    for (const task of this.tasks.updatedSince(this.seenAt)) {
      if (task.updatedAt > mark) mark = task.updatedAt;
      if (Date.now() - Date.parse(task.updatedAt) > SETTLED_MS && this.knows(task, 'task')) continue;
      const detail = this.history.recent(task.id, RECENT_ITEMS);
      this.send('task.updated', task);
      for (const step of detail.steps) this.send('task.step', step);
      for (const message of detail.messages) this.send('task.message', message);
      for (const call of detail.toolCalls) this.send('task.toolCall', call);
      for (const review of detail.reviews) this.send('task.review', review);
      for (const call of detail.modelCalls) this.send('task.modelCall', call);
    }
    this.seenAt = mark;
  }

  dispose(): void {
    this.unsubscribe();
  }

  private send<E extends RowEvent>(event: E, row: EventPayload<E> & Row): void {
    if (this.remember(row, ROW_EVENTS[event])) this.events.emit(event, row);
  }

  private knows(row: Row, kind: string): boolean {
    const taskId = kind === 'task' ? row.id : row.taskId;
    return taskId !== undefined && this.known.get(taskId)?.get(`${kind}:${row.id}`) === fingerprint(row);
  }

  /** Records the row's fingerprint; true when it differs from the one known. */
  private remember(row: Row, kind: string): boolean {
    const taskId = kind === 'task' ? row.id : row.taskId;
    if (!taskId) return true;
    let rows = this.known.get(taskId);
    if (rows) this.known.delete(taskId); // re-inserted below: the map stays ordered by last use
    rows ??= new Map();
    this.known.set(taskId, rows);
    if (this.known.size > TASKS_KEPT) this.known.delete(this.known.keys().next().value as string);
    const key = `${kind}:${row.id}`;
    const print = fingerprint(row);
    if (rows.get(key) === print) return false;
    rows.set(key, print);
    return true;
  }
}
