import { chromium, type Browser } from 'playwright-core';
import { AuraError } from '../../shared/errors';

/** What every launch gets: no first-run UI, no background traffic of the browser's own, no GPU in a worker. */
const ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', '--mute-audio'];

/** Why Chromium's own sandbox is off, or null when it is on. Set once a browser runs. */
export interface LaunchedBrowser {
  browser: Browser;
  executablePath: string;
  sandboxOff: string | null;
}

/**
 * The one browser process of this worker, started with the first call that needs it and again when the
 * path in settings changes or it went away. Never a downloaded browser: only the executable it is given.
 * Chromium's sandbox stays on where it can run; as root, or where the kernel refuses it, the browser runs
 * without it and says so (the worker is still a separate process, and the page's requests still pass the
 * request guard).
 */
export class BrowserLauncher {
  private current: Promise<LaunchedBrowser> | undefined;

  async get(executablePath: string): Promise<LaunchedBrowser> {
    const running = this.current ? await this.current.catch(() => undefined) : undefined;
    if (running && running.executablePath === executablePath && running.browser.isConnected()) return running;
    if (running) await running.browser.close().catch(() => undefined);
    const launching = launch(executablePath);
    this.current = launching;
    launching.catch(() => {
      if (this.current === launching) this.current = undefined;
    });
    return launching;
  }

  async close(): Promise<void> {
    const running = await this.current?.catch(() => undefined);
    this.current = undefined;
    await running?.browser.close().catch(() => undefined);
  }
}

async function launch(executablePath: string): Promise<LaunchedBrowser> {
  const start = (sandbox: boolean) => chromium.launch({ executablePath, headless: true, chromiumSandbox: sandbox, args: ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  // Chromium refuses its sandbox to root outright; no need to try.
  if (process.getuid?.() === 0) return { browser: await start(false).catch(fail(executablePath)), executablePath, sandboxOff: 'Aura Work runs as root, where Chromium cannot use its sandbox.' };
  try {
    return { browser: await start(true), executablePath, sandboxOff: null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!/sandbox|namespace/i.test(message)) throw fail(executablePath)(err);
    const browser = await start(false).catch(fail(executablePath));
    return { browser, executablePath, sandboxOff: `Chromium's sandbox could not start here (${firstLine(message)}).` };
  }
}

const firstLine = (text: string) => text.split('\n').find((line) => line.trim())?.trim().slice(0, 300) ?? text.slice(0, 300);

const fail = (executablePath: string) => (err: unknown) => {
  throw new AuraError('IO_ERROR', `The browser ${executablePath} could not be started: ${firstLine(err instanceof Error ? err.message : String(err))}`, 'Check the browser in Settings → Readiness; set another Chromium, Chrome or Edge there if this one does not run.');
};
