import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useClient, useReconnectCount } from '../../hooks/use-client';
import { eventTaskId, INITIAL_TASK_VIEW, taskViewReducer, type TaskEvent, type TaskViewState } from './task-view-state';
import { useTaskEvents } from './use-task-events';

export type OlderPageState = { state: 'idle' } | { state: 'loading' } | { state: 'failed'; error: unknown };

export interface TaskDetailState extends TaskViewState {
  reload(): void;
  /** Loads the page of the timeline before the oldest item shown. */
  loadOlder(): void;
  older: OlderPageState;
  /** Applies a record the host returned (the reply to cancel, resume or an approval) without waiting for its event. */
  apply(event: TaskEvent): void;
}

/**
 * One task: its plan and the newest page of its timeline, older pages on demand, kept live by its
 * events. Events that arrive while `tasks.get` is on its way are held and replayed onto the answer, so
 * none is lost between the read and the reply. Loads again after a reconnect, since events sent while
 * the link was down are gone (older pages loaded before are let go: the newest page comes back).
 */
export function useTaskDetail(taskId: string): TaskDetailState {
  const client = useClient();
  const reconnects = useReconnectCount();
  const [generation, setGeneration] = useState(0);
  const [state, dispatch] = useReducer(taskViewReducer, INITIAL_TASK_VIEW);
  const held = useRef<TaskEvent[] | null>(null);
  const [older, setOlder] = useState<OlderPageState>({ state: 'idle' });
  const cursor = state.detail?.hasOlder ? state.detail.cursor : null;
  const olderBusy = useRef(false);

  useEffect(() => {
    let current = true;
    held.current = [];
    dispatch({ type: 'load' });
    client.call('tasks.get', { id: taskId }).then(
      (detail) => {
        if (!current) return;
        const events = held.current ?? [];
        held.current = null;
        dispatch({ type: 'loaded', detail, events });
      },
      (error: unknown) => {
        if (!current) return;
        held.current = null;
        dispatch({ type: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [client, taskId, generation, reconnects]);

  useTaskEvents((event) => {
    if (eventTaskId(event) !== taskId) return;
    if (held.current) held.current.push(event);
    else dispatch({ type: 'event', event });
  });

  const loadOlder = useCallback(() => {
    if (!cursor || olderBusy.current) return;
    olderBusy.current = true;
    setOlder({ state: 'loading' });
    client.call('tasks.history', { id: taskId, before: cursor }).then(
      (page) => {
        olderBusy.current = false;
        // A reload in between changed the cursor: the reducer drops this page.
        dispatch({ type: 'older', before: cursor, page });
        setOlder({ state: 'idle' });
      },
      (error: unknown) => {
        olderBusy.current = false;
        setOlder({ state: 'failed', error });
      },
    );
  }, [client, taskId, cursor]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const apply = useCallback((event: TaskEvent) => dispatch({ type: 'event', event }), []);
  return useMemo(() => ({ ...state, reload, apply, loadOlder, older }), [state, reload, apply, loadOlder, older]);
}
