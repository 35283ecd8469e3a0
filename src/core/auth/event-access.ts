import type { Principal, Scope } from '../../shared/auth';
import type { EventName } from '../../shared/contract';

/**
 * Which pushed events a paired client may receive (the bridge's event stream), beside `mayCall` for
 * procedures. Events not listed are the owner's alone: settings, the audit trail, terminals, the bridge's
 * own clients. A tool call waiting for an answer is an approval: it needs the `approvals` scope.
 */
const EVENT_SCOPE: Partial<Record<EventName, Scope>> = {
  'workspaces.changed': 'tasks:read',
  'task.updated': 'tasks:read',
  'task.step': 'tasks:read',
  'task.message': 'tasks:read',
  'task.token': 'tasks:read',
  'task.toolCall': 'tasks:read',
  'task.toolOutput': 'tasks:read',
  'task.review': 'tasks:read',
  'task.modelCall': 'tasks:read',
};

/** The topics a client may ask for at all (the stream filters each event further with `mayReceive`). */
export const CLIENT_TOPICS = Object.keys(EVENT_SCOPE) as EventName[];

/** Whether the principal may subscribe to a topic. */
export function maySubscribe(principal: Principal, event: EventName): boolean {
  if (principal.kind === 'owner') return true;
  const scope = EVENT_SCOPE[event];
  if (scope === undefined) return false;
  return principal.scopes.includes(scope) || (event === 'task.toolCall' && principal.scopes.includes('approvals'));
}

/** Whether one event, with its payload, may go to the principal. */
export function mayReceive(principal: Principal, event: EventName, payload: unknown): boolean {
  if (principal.kind === 'owner') return true;
  if (event === 'task.toolCall' && (payload as { status?: unknown } | null)?.status === 'waiting_approval') return principal.scopes.includes('approvals');
  const scope = EVENT_SCOPE[event];
  return scope !== undefined && principal.scopes.includes(scope);
}
