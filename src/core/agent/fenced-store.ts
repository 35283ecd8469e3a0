import type { TaskStep } from '../../shared/tasks';
import type { TaskStore } from '../tasks/task-store';

/** The TaskStore methods that write a task's state. */
const WRITES = new Set<PropertyKey>(['setStatus', 'savePlan', 'updateStep', 'addMessage', 'saveToolCall', 'addReview', 'addModelCall']);

/** What a refused write hands back: the state as it stands, or what the caller passed in. */
function refused(store: TaskStore, method: PropertyKey, args: unknown[]): unknown {
  if (method === 'setStatus') return store.get(args[0] as string);
  if (method === 'updateStep') return { ...(args[0] as TaskStep), ...(args[1] as Partial<TaskStep>) };
  if (method === 'savePlan') return store.steps(args[0] as string);
  return args[0];
}

/**
 * The store as one run of a task sees it: every write first checks, in its own transaction, that this
 * run still holds the task's claim. Once another process has taken the task over, the write is refused
 * (it would overwrite that process's work), `onLost` is called once, and every later write, token and
 * streamed output is dropped.
 */
export function fencedStore(store: TaskStore, holds: () => boolean, onLost: () => void): TaskStore {
  let lost = false;
  const owns = () => {
    if (!lost && !holds()) {
      lost = true;
      onLost();
    }
    return !lost;
  };
  return new Proxy(store, {
    get(target, method) {
      const value = Reflect.get(target, method, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (method === 'emitToken' || method === 'emitToolOutput') return (...args: unknown[]) => (lost ? undefined : fn.apply(target, args));
      if (!WRITES.has(method)) return fn.bind(target);
      return (...args: unknown[]) => target.batch(() => (owns() ? fn.apply(target, args) : refused(target, method, args)));
    },
  });
}
