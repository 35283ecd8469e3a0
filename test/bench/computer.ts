import { OWNER_UI } from '../../src/shared/auth';
import { rmSync, statSync } from 'node:fs';
import { openTempApp, tempDir } from '../support/temp-app';
import { startXClient, waitForWindow } from '../support/x-programs';
import { startXvfb } from '../support/xvfb';

/**
 * Computer use on a 1920×1080 virtual display filled with text (four xterms listing /usr/share), as a
 * desktop looks more than a black screen does: `computer_screenshot` through the tool runner (xwd, the
 * PNG encoding in the worker, the owner-only atomic write, the audit), a click (its marked screenshot
 * and xdotool), and a live frame scaled to 1280 pixels as the Computer Use page asks for it.
 */
export async function computerFigures(runs = 40): Promise<{ screenshotMs: number[]; clickMs: number[]; liveMs: number[]; pngKb: number }> {
  const x = await startXvfb({ width: 1920, height: 1080 });
  const clients = [0, 1, 2, 3].map((n) => startXClient(x.display, 'xterm', ['-T', `bench-${n}`, '-geometry', `118x32+${(n % 2) * 960}+${Math.floor(n / 2) * 540}`, '-e', 'sh', '-c', 'ls -lR /usr/share | head -2000; exec sleep 3600']));
  const home = tempDir('aura-bench-computer-');
  const app = openTempApp(home, { env: { DISPLAY: x.display } });
  const ctx = { roots: [home], signal: new AbortController().signal, actor: 'bench', taskId: null };
  const timed = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const tool = async (name: string, input: unknown) => {
    const result = await app.runner.call({ name, input, ctx, profile: 'yes', approve: async () => true });
    if (!result.ok) throw new Error(result.error.message);
    return result.output as { path?: string };
  };
  try {
    await Promise.all([0, 1, 2, 3].map((n) => waitForWindow(x.display, `^bench-${n}$`)));
    // The first call starts the worker: not measured.
    const first = await tool('computer_screenshot', {});
    const pngKb = statSync(first.path!).size / 1024;
    const screenshotMs: number[] = [];
    const clickMs: number[] = [];
    const liveMs: number[] = [];
    for (let i = 0; i < runs; i += 1) screenshotMs.push(await timed(() => tool('computer_screenshot', {})));
    // On the desktop's background, between the windows: nothing reacts to the clicks.
    for (let i = 0; i < runs; i += 1) clickMs.push(await timed(() => tool('computer_click', { x: 1919, y: 1079 - (i % 5) })));
    for (let i = 0; i < runs / 4; i += 1) {
      // Past the host's frame cache, so each call takes a fresh frame.
      await new Promise((resolve) => setTimeout(resolve, 550));
      liveMs.push(
        await timed(async () => {
          const reply = await app.dispatch('computer.screen', { maxWidth: 1280 }, OWNER_UI);
          if (!reply.ok) throw new Error(reply.error.message);
        }),
      );
    }
    return { screenshotMs, clickMs, liveMs, pngKb };
  } finally {
    await app.close();
    for (const client of clients) client.stop();
    await x.close();
    rmSync(home, { recursive: true, force: true });
  }
}
