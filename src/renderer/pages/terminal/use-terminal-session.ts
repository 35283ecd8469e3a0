import { useEffect, useMemo, useRef, useState } from 'react';
import type { Terminal } from '@xterm/xterm';
import { TERMINAL_LIMITS, type TerminalData, type TerminalExit } from '../../../shared/terminal';
import { useClient, useReconnectCount } from '../../hooks/use-client';
import { InputQueue } from './input-queue';

export type SessionState =
  | { kind: 'opening' }
  | { kind: 'open'; sessionId: string; network: 'on' | 'off'; attached: boolean }
  | { kind: 'exited'; exitCode: number | null; reason: TerminalExit['reason'] }
  | { kind: 'failed'; error: unknown };

export interface TerminalSessionControls {
  state: SessionState;
  /** A new shell: the running one, if any, is closed first. */
  restart(): void;
  /** Ends the shell and everything it started. */
  close(): void;
}

/**
 * Connects an xterm to the workspace's shell: opens it (or re-attaches: the scrollback is replayed, then
 * only output past its end), streams `terminal.data` into it, sends keystrokes and sizes back. Opens
 * again after the link to the host comes back, since events sent meanwhile were lost.
 */
export function useTerminalSession(term: Terminal | null, workspaceId: string): TerminalSessionControls {
  const client = useClient();
  const reconnects = useReconnectCount();
  const [state, setState] = useState<SessionState>({ kind: 'opening' });
  const [generation, setGeneration] = useState(0);
  const session = useRef<string | null>(null);

  useEffect(() => {
    if (!term) return;
    let live = true;
    let opened = false;
    let offset = 0;
    const early: (TerminalData | TerminalExit)[] = [];
    session.current = null;
    setState({ kind: 'opening' });

    const apply = (event: TerminalData | TerminalExit) => {
      if (event.sessionId !== session.current) return;
      if ('data' in event) {
        if (event.offset <= offset) return; // already in the scrollback
        offset = event.offset;
        term.write(event.data);
      } else {
        session.current = null;
        queue.clear();
        setState({ kind: 'exited', exitCode: event.exitCode, reason: event.reason });
      }
    };
    // Subscribed before the open, so nothing between its answer and the first event is missed.
    const receive = (event: TerminalData | TerminalExit) => (opened ? apply(event) : early.push(event));
    const offData = client.on('terminal.data', receive);
    const offExit = client.on('terminal.exit', receive);

    const queue = new InputQueue(
      (data) => (session.current ? client.call('terminal.write', { sessionId: session.current, data }) : Promise.resolve()),
      TERMINAL_LIMITS.inputChars,
      (error) => live && setState({ kind: 'failed', error }),
    );
    const typing = term.onData((data) => queue.push(data));
    let frame = 0;
    const resizing = term.onResize(({ cols, rows }) => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (session.current) void client.call('terminal.resize', { sessionId: session.current, cols, rows }).catch(() => undefined);
      });
    });

    client.call('terminal.open', { workspaceId, cols: term.cols, rows: term.rows }).then(
      (terminal) => {
        if (!live) return;
        opened = true;
        session.current = terminal.sessionId;
        offset = terminal.offset;
        term.reset();
        term.write(terminal.scrollback);
        setState({ kind: 'open', sessionId: terminal.sessionId, network: terminal.network, attached: !terminal.started });
        for (const event of early.splice(0)) apply(event);
        term.focus();
      },
      (error: unknown) => {
        if (live) setState({ kind: 'failed', error });
      },
    );

    return () => {
      live = false;
      offData();
      offExit();
      typing.dispose();
      resizing.dispose();
      cancelAnimationFrame(frame);
      queue.clear();
    };
  }, [client, term, workspaceId, generation, reconnects]);

  return useMemo(
    () => ({
      state,
      restart() {
        const running = session.current;
        const reopen = () => setGeneration((value) => value + 1);
        if (running) void client.call('terminal.close', { sessionId: running }).then(reopen, reopen);
        else reopen();
      },
      close() {
        const running = session.current;
        if (running) void client.call('terminal.close', { sessionId: running }).catch((error: unknown) => setState({ kind: 'failed', error }));
      },
    }),
    [client, state],
  );
}
