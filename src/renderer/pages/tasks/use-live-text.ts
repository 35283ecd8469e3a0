import { useEffect, useRef, useState } from 'react';
import { useEvent } from '../../hooks/use-event';
import { appendToken, endsLiveText, type LiveText } from './live-text';
import { eventTaskId } from './task-view-state';
import { useTaskEvents } from './use-task-events';

/**
 * The streaming text of the task's current model turn. Tokens can arrive hundreds of times a second:
 * they gather in a ref and reach React state at most once per animation frame, so rendering keeps up
 * without long tasks on the main thread. Mount it once per task (key the view by task id).
 */
export function useLiveText(taskId: string): LiveText | null {
  const pending = useRef<LiveText | null>(null);
  const frame = useRef<number | null>(null);
  const [shown, setShown] = useState<LiveText | null>(null);

  const flushSoon = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      setShown(pending.current);
    });
  };

  useEffect(
    () => () => {
      // Cleared as well as cancelled: under StrictMode the component mounts again with the same refs.
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    },
    [],
  );

  useEvent('task.token', (delta) => {
    if (delta.taskId !== taskId || !delta.delta) return;
    pending.current = appendToken(pending.current, delta);
    flushSoon();
  });

  useTaskEvents((event) => {
    if (eventTaskId(event) !== taskId || !endsLiveText(pending.current, event)) return;
    pending.current = null;
    flushSoon();
  });

  return shown;
}
