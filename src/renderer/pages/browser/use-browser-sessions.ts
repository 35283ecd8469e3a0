import type { BrowserLogEntry, BrowserSession, BrowserSessionDetail } from '../../../shared/browser';
import { useEvent } from '../../hooks/use-event';
import { useProcedure, type ProcedureState } from '../../hooks/use-procedure';

/** A session put in its place in a list kept newest first. */
function upsertSession(list: BrowserSession[] | undefined, session: BrowserSession): BrowserSession[] | undefined {
  if (!list) return list;
  return [session, ...list.filter((known) => known.id !== session.id)].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

function upsertEntry(log: BrowserLogEntry[], entry: BrowserLogEntry): BrowserLogEntry[] {
  const at = log.findIndex((known) => known.id === entry.id);
  if (at < 0) return [...log, entry];
  const next = log.slice();
  next[at] = entry;
  return next;
}

/** The agent's browser sessions, newest first, kept current by `browser.session`. */
export function useBrowserSessions(): ProcedureState<BrowserSession[]> {
  const sessions = useProcedure('browser.sessions', {});
  useEvent('browser.session', (session) => sessions.update((list) => upsertSession(list, session)));
  return sessions;
}

/** One session with its action log, kept current by `browser.log` and `browser.session`. */
export function useBrowserSession(sessionId: string): ProcedureState<BrowserSessionDetail> {
  const detail = useProcedure('browser.session', { sessionId });
  useEvent('browser.log', (event) => {
    if (event.sessionId === sessionId) detail.update((current) => current && { ...current, log: upsertEntry(current.log, event.entry) });
  });
  useEvent('browser.session', (session) => {
    if (session.id === sessionId) detail.update((current) => current && { ...current, ...session });
  });
  return detail;
}
