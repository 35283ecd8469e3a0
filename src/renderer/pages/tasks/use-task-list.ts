import { useRef } from 'react';
import type { ProcedureInput, ProcedureOutput } from '../../../shared/contract';
import { useCoalescedCallback } from '../../hooks/use-coalesced-callback';
import { useEvent } from '../../hooks/use-event';
import { useProcedure, type ProcedureState } from '../../hooks/use-procedure';
import { matchesTaskFilter } from './task-filter';

const REFRESH_DELAY_MS = 200;

/**
 * A page of tasks, newest first, kept current by `task.updated`. A listed task that still matches is
 * replaced in place (usage and status change often). A change of membership (a new task, or one that
 * entered or left the filter) costs one coalesced reload, asked once per status a task reaches, so an
 * old task running on a later page does not reload this one on every usage update.
 */
export function useTaskList(filter: ProcedureInput<'tasks.list'>): ProcedureState<ProcedureOutput<'tasks.list'>> {
  const list = useProcedure('tasks.list', filter);
  const { data, update, reload } = list;
  const refresh = useCoalescedCallback(reload, REFRESH_DELAY_MS);
  // The status each task last asked a reload in, for this filter.
  const asked = useRef({ filter: '', statuses: new Map<string, string>() });

  useEvent('task.updated', (task) => {
    const listed = data?.tasks.some((known) => known.id === task.id) ?? false;
    const matches = matchesTaskFilter(task, filter);
    if (listed && matches) {
      update((current) => current && { ...current, tasks: current.tasks.map((known) => (known.id === task.id ? task : known)) });
    } else if (listed || matches) {
      const filterKey = JSON.stringify(filter);
      if (asked.current.filter !== filterKey) asked.current = { filter: filterKey, statuses: new Map() };
      const { statuses } = asked.current;
      if (statuses.get(task.id) === task.status) return;
      if (statuses.size > 1000) statuses.clear();
      statuses.set(task.id, task.status);
      refresh();
    }
  });

  return list;
}
