import { AuraError } from '../../shared/errors';
import type { TERMINAL_WORKER_METHODS } from '../../shared/terminal';
import type { WorkerHandlers } from '../worker-runtime';
import { CLOSE_INHERITED_FDS, sandboxCommand, type SandboxTools } from './sandbox-process';
import { TerminalSession, type SpawnPty } from './terminal-session';

export interface TerminalDeps {
  /** The sandbox's tools when a sandbox works here (the worker's self-test passed); null fails closed. */
  sandboxTools(): Promise<{ tools: SandboxTools; bash: string } | { tools: null; reason: string }>;
  /** node-pty's spawn, loaded with the first terminal: a worker whose pty addon is broken still runs shells. */
  loadPty(): Promise<SpawnPty>;
}

/**
 * What becomes the interactive shell: first the host's inherited descriptors closed and the limits line
 * (`ulimit -u`), then bash itself, with no rc files (the sandbox's home is empty anyway) and a prompt that
 * says where it runs.
 */
const startScript = (limits: string) => `${CLOSE_INHERITED_FDS}
${limits}
export PS1='\\[\\e[2m\\](sandbox)\\[\\e[22m\\] \\w \\$ '
exec "$0" --noprofile --norc -i`;

/** The VM worker's terminal methods: one TerminalSession per session id, each in its own sandbox. */
export function terminalHandlers(deps: TerminalDeps): WorkerHandlers<typeof TERMINAL_WORKER_METHODS> {
  const sessions = new Map<string, TerminalSession>();
  return {
    async 'terminal.start'({ session, sandbox, cols, rows }, { signal, progress }) {
      if (sessions.has(session)) throw new AuraError('CONFLICT', 'That terminal is running already.');
      const found = await deps.sandboxTools();
      // Fail closed: a terminal never runs outside a sandbox.
      if (!found.tools) throw new AuraError('FORBIDDEN', `The terminal runs only in a sandbox, and there is none here: ${found.reason}`, 'See Settings → Readiness for what the sandbox needs.');
      const command = sandboxCommand(sandbox, found.tools, {
        proc: true,
        network: sandbox.network,
        terminal: true,
        command: [found.bash, '--noprofile', '--norc', '-c', startScript(found.tools.limiter.shellPrelude), found.bash],
      });
      let terminal: TerminalSession;
      try {
        terminal = new TerminalSession(command, { cols, rows }, await deps.loadPty(), (data) => progress({ data }));
      } catch (err) {
        command.release();
        throw new AuraError('IO_ERROR', `The terminal could not start: ${err instanceof Error ? err.message : String(err)}`, 'Reinstall Aura Work so its pty module (node-pty) is built for this machine; the log in Settings → Diagnostics says more.');
      }
      sessions.set(session, terminal);
      // An empty first piece: the shell started (the host's open waits for it, or for this call's error).
      progress({ data: '' });
      const stop = () => void terminal.stop();
      signal.addEventListener('abort', stop, { once: true });
      try {
        return await terminal.exited;
      } finally {
        signal.removeEventListener('abort', stop);
        sessions.delete(session);
      }
    },
    async 'terminal.input'({ session, data }) {
      return { written: sessions.get(session)?.write(data) ?? false };
    },
    async 'terminal.resize'({ session, cols, rows }) {
      return { resized: sessions.get(session)?.resize(cols, rows) ?? false };
    },
    async 'terminal.stop'({ session }) {
      const terminal = sessions.get(session);
      if (!terminal) return { stopped: false };
      await terminal.stop();
      return { stopped: true };
    },
  };
}
