import type { Workspace } from '../../shared/contract';
import { useEvent } from './use-event';
import { useProcedure, type ProcedureState } from './use-procedure';

/** The workspace list, kept current by `workspaces.changed` (which carries the whole new list). */
export function useWorkspaces(): ProcedureState<Workspace[]> {
  const workspaces = useProcedure('workspaces.list', {});
  const { update } = workspaces;
  useEvent('workspaces.changed', (list) => update(() => list));
  return workspaces;
}
