import { OWNER_UI } from '../../src/shared/auth';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as wait } from 'node:timers/promises';
import type { EventName } from '../../src/shared/contract';
import { openTempApp, tempDir } from '../support/temp-app';

/**
 * The Terminal through the app's own services (the contract's dispatcher, TerminalService, the VM worker,
 * node-pty, bubblewrap): a keystroke → its echo as `terminal.data`, typed at 20 keys a second (a fast
 * typist), and a flood of output (how fast it arrives, in how many events, and the host's longest
 * event-loop delay meanwhile).
 */
export async function terminalFigures(keystrokes = 150, floodChars = 20_000_000): Promise<{ echoMs: number[]; floodCharsPerSecond: number; floodEvents: number; longestDelayMs: number }> {
  const base = realpathSync(tempDir('aura-bench-terminal-'));
  const ws = join(base, 'ws');
  mkdirSync(ws);
  const app = openTempApp(join(base, 'data'), { env: process.env });
  let output = '';
  let events = 0;
  let waiter: { pattern: RegExp; resolve: () => void } | null = null;
  app.events.subscribe((event: EventName, payload) => {
    if (event !== 'terminal.data') return;
    // Only the end is looked at: the bench must not measure its own scans of a 20 MB string.
    output = (output + (payload as { data: string }).data).slice(-4096);
    events += 1;
    if (waiter?.pattern.test(output)) {
      const { resolve } = waiter;
      waiter = null;
      resolve();
    }
  });
  const until = (pattern: RegExp) => new Promise<void>((resolve) => (pattern.test(output) ? resolve() : (waiter = { pattern, resolve })));
  const call = async (method: 'terminal.open' | 'terminal.write' | 'terminal.close', input: unknown) => {
    const reply = await app.dispatch(method, input, OWNER_UI);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.result as { sessionId: string };
  };
  try {
    const workspace = app.workspaces.add('bench', ws, 'bench');
    const { sessionId } = await call('terminal.open', { workspaceId: workspace.id, cols: 120, rows: 40 });
    await until(/\(sandbox\)/);
    const echoMs: number[] = [];
    for (let i = 0; i < keystrokes + 20; i += 1) {
      // A letter, then its erasure: the line stays empty, each echo is new output.
      // Backspace erases with `\b \b`, or `\b` and erase-to-end-of-line.
      // eslint-disable-next-line no-control-regex -- the echo of an erasure is control characters
      for (const [key, echo] of [['x', /x$/], ['\x7f', /\x08 ?\x1b\[K$|\x08 \x08$/]] as const) {
        await wait(50);
        output = '';
        const started = performance.now();
        await call('terminal.write', { sessionId, data: key });
        await until(echo);
        if (i >= 20 && key === 'x') echoMs.push(performance.now() - started);
      }
    }
    const delay = monitorEventLoopDelay({ resolution: 1 });
    output = '';
    events = 0;
    const started = performance.now();
    delay.enable();
    await call('terminal.write', { sessionId, data: `head -c ${floodChars} /dev/zero | tr '\\0' x; echo; echo "flood-$((6*7))"\r` });
    await until(/flood-42/);
    delay.disable();
    const seconds = (performance.now() - started) / 1000;
    await call('terminal.close', { sessionId });
    return { echoMs, floodCharsPerSecond: floodChars / seconds, floodEvents: events, longestDelayMs: delay.max / 1e6 };
  } finally {
    await app.dispose();
    rmSync(base, { recursive: true, force: true });
  }
}
