import type { TaskStep } from '../../shared/tasks';
import type { TaskStore } from '../tasks/task-store';

/** The TaskStore methods that write or announce a task's state. */
const WRITES = new Set<PropertyKey>(['setStatus', 'savePlan', 'updateStep', 'addMessage', 'saveToolCall', 'addReview', 'addModelCall', 'emitToken']);

/** What a skipped write hands back: the state as it stands, or what the caller passed in. */
function skipped(store: TaskStore, method: PropertyKey, args: unknown[]): unknown {
  if (method === 'setStatus') return store.get(args[0] as string);
  if (method === 'updateStep') return { ...(args[0] as TaskStep), ...(args[1] as Partial<TaskStep>) };
  if (method === 'savePlan') return store.steps(args[0] as string);
  return args[0];
}

/**
 * The store as one run of a task sees it. Once `fenced()` holds (the run lost its claim to another
 * process), its writes do nothing: they would overwrite the process that took the task over.
 */
export function fencedStore(store: TaskStore, fenced: () => boolean): TaskStore {
  return new Proxy(store, {
    get(target, method) {
      const value = Reflect.get(target, method, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (!WRITES.has(method)) return fn.bind(target);
      return (...args: unknown[]) => (fenced() ? skipped(target, method, args) : fn.apply(target, args));
    },
  });
}
