import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ComputerActionEntry } from '../../src/shared/computer';
import { OWNER_CLI } from '../../src/shared/auth';
import type { ImageOutput } from '../../src/shared/image-output';
import type { BuiltinProfileId } from '../../src/shared/permissions';
import { changedPixels, decodePng, isPng } from '../support/png';
import { openTempApp, tempDir } from '../support/temp-app';
import { startXClient, waitForWindow, windowTree, type XClient } from '../support/x-programs';
import { startXvfb, type VirtualDisplay } from '../support/xvfb';

jest.setTimeout(60_000);

const WIDTH = 800;
const HEIGHT = 600;
let x: VirtualDisplay;
let app: ReturnType<typeof openTempApp>;
let clients: XClient[] = [];

beforeAll(async () => {
  x = await startXvfb({ width: WIDTH, height: HEIGHT });
  app = openTempApp(tempDir(), { env: { DISPLAY: x.display } });
});
afterEach(() => {
  for (const client of clients) client.stop();
  clients = [];
});
afterAll(async () => {
  await app?.dispose();
  await x?.close();
});

/** One tool call through the gate, as the agent makes it; `approve` answers a question if one is asked. */
async function call(name: string, input: unknown, { profile = 'yes', approve = async () => true, toolCallId }: { profile?: BuiltinProfileId; approve?: () => Promise<boolean>; toolCallId?: string } = {}) {
  return app.runner.call({ name, input, profile, approve, ctx: { roots: [app.home], signal: new AbortController().signal, actor: 'test', taskId: null, ...(toolCallId ? { toolCallId } : {}) } });
}

async function screenshot(): Promise<ImageOutput> {
  const result = await call('computer_screenshot', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.output as ImageOutput;
}

const RED = [0xe5, 0x1c, 0x23];
const pixel = (image: { width: number; rgb: Uint8Array }, px: number, py: number) => Array.from(image.rgb.subarray((py * image.width + px) * 3, (py * image.width + px) * 3 + 3));

describe('computer use on a real X display (Xvfb)', () => {
  it('takes a screenshot: a real PNG of the screen’s size, saved owner-only under the data folder', async () => {
    const shot = await screenshot();
    expect(shot).toMatchObject({ mimeType: 'image/png', width: WIDTH, height: HEIGHT });
    expect(shot.path.startsWith(join(app.home, 'screenshots', 'computer'))).toBe(true);
    const bytes = readFileSync(shot.path);
    expect(isPng(bytes)).toBe(true);
    expect(decodePng(bytes)).toMatchObject({ width: WIDTH, height: HEIGHT });
    expect(statSync(shot.path).mode & 0o777).toBe(0o600);
    // The Computer Use page sees it in the log, with its picture, as data.
    const entry = app.computer.actions().at(-1);
    expect(entry).toMatchObject({ tool: 'computer_screenshot', status: 'done', hasImage: true });
    const image = app.computer.actionImage(entry!.id);
    expect(decodePng(Buffer.from(image.image, 'base64'))).toMatchObject({ width: WIDTH, height: HEIGHT });
  });

  it('clicks a button of a real X program (xmessage): the program exits with that button’s code and the screen changes', async () => {
    const message = startXClient(x.display, 'xmessage', ['-name', 'aura-click', '-geometry', '+120+80', '-buttons', 'Press me:7', 'Click the button']);
    clients.push(message);
    const id = await waitForWindow(x.display, '^aura-click$');
    const before = decodePng(readFileSync((await screenshot()).path));
    // The button is the lowest window inside xmessage's.
    const [outer, ...inner] = await windowTree(x.display, id);
    const button = inner.reduce((low, box) => (box.y > low.y ? box : low));
    const target = { x: button.x + Math.floor(button.width / 2), y: button.y + Math.floor(button.height / 2) };

    const clicked = await call('computer_click', target);
    expect(clicked).toMatchObject({ ok: true, output: { done: true, did: expect.stringContaining(`(${target.x}, ${target.y})`) } });
    expect(await message.exited).toBe(7);
    const after = decodePng(readFileSync((await screenshot()).path));
    expect(changedPixels(before, after, { x: outer!.x, y: outer!.y, width: outer!.width, height: outer!.height })).toBeGreaterThan(100);
    // The action's own screenshot has the click's target marked on it.
    const entry = app.computer.actions().find((e) => e.tool === 'computer_click');
    const marked = decodePng(Buffer.from(app.computer.actionImage(entry!.id).image, 'base64'));
    expect(pixel(marked, target.x + 17, target.y)).toEqual(RED);
  });

  it('types into a real X program (xterm) and presses Return: the program reads the line', async () => {
    const folder = tempDir('aura-xterm-');
    const term = startXClient(x.display, 'xterm', ['-T', 'aura-type', '-geometry', '50x5+40+300', '-e', 'sh', '-c', 'read line; printf %s "$line" > typed.txt'], folder);
    clients.push(term);
    const id = await waitForWindow(x.display, '^aura-type$');
    const [box] = await windowTree(x.display, id);
    // Keys go to the window under the pointer (no window manager, so the focus follows it).
    expect(await call('computer_move', { x: box!.x + 20, y: box!.y + 20 })).toMatchObject({ ok: true });
    const before = decodePng(readFileSync((await screenshot()).path));
    expect(await call('computer_type', { text: '-n hello from Aura' })).toMatchObject({ ok: true, output: { did: expect.stringContaining('18 characters') } });
    const typed = decodePng(readFileSync((await screenshot()).path));
    expect(changedPixels(before, typed, { x: box!.x, y: box!.y, width: box!.width, height: box!.height })).toBeGreaterThan(50);
    expect(await call('computer_key', { keys: 'Return' })).toMatchObject({ ok: true });
    expect(await term.exited).toBe(0);
    expect(readFileSync(join(folder, 'typed.txt'), 'utf8')).toBe('-n hello from Aura');
  });

  it('scrolls and moves inside the screen, and refuses a point outside it with the screen’s size', async () => {
    expect(await call('computer_scroll', { direction: 'down', amount: 2, x: 10, y: 10 })).toMatchObject({ ok: true, output: { did: expect.stringContaining('crolled down 2 times at (10, 10)') } });
    const outside = await call('computer_click', { x: WIDTH + 5, y: 10 });
    expect(outside).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(`${WIDTH}×${HEIGHT}`) } });
  });

  it('accepts only xdotool key names: nothing that reads as an option or another command', async () => {
    for (const keys of ['--window 1 a', 'ctrl+c; rm', 'a  b', '', '$(id)', 'type hello\nReturn']) {
      expect(await call('computer_key', { keys })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await call('computer_key', { keys: 'shift+Tab ctrl+a KP_Enter' })).toMatchObject({ ok: true });
  });

  it('asks before every action under the ask and auto-edit profiles, with the target marked on a fresh screenshot; not under yes; never under read-only', async () => {
    for (const profile of ['ask', 'auto-edit'] as const) {
      const toolCallId = randomUUID();
      let asked = 0;
      const result = await call('computer_move', { x: 300, y: 200 }, { profile, toolCallId, approve: async () => ++asked > 0 });
      expect(asked).toBe(1);
      expect(result.ok).toBe(true);
      const approval = await app.dispatch('computer.approvalImage', { toolCallId }, OWNER_CLI);
      if (!approval.ok) throw new Error(approval.error.message);
      expect(approval.result).toMatchObject({ reason: null, target: { x: 300, y: 200 } });
      const { image } = approval.result as { image: { image: string; width: number } };
      const marked = decodePng(Buffer.from(image.image, 'base64'));
      expect(marked).toMatchObject({ width: WIDTH, height: HEIGHT });
      expect(pixel(marked, 300 + 17, 200)).toEqual(RED);
    }
    const refused = await call('computer_click', { x: 5, y: 5 }, { profile: 'ask', approve: async () => false });
    expect(refused).toMatchObject({ ok: false, status: 'denied' });

    let askedUnderYes = false;
    expect(await call('computer_move', { x: 1, y: 1 }, { profile: 'yes', approve: async () => (askedUnderYes = true) })).toMatchObject({ ok: true });
    expect(askedUnderYes).toBe(false);
    expect(await call('computer_click', { x: 1, y: 1 }, { profile: 'read-only' })).toMatchObject({ ok: false, status: 'denied' });
    // A screenshot changes nothing: it never asks.
    expect(await call('computer_screenshot', {}, { profile: 'read-only', approve: async () => (askedUnderYes = true) })).toMatchObject({ ok: true });
    expect(askedUnderYes).toBe(false);
  });

  it('survives kill -9 of its worker mid-action: the call fails clearly, the worker comes back, the next call works', async () => {
    const running = new Promise<void>((resolve) => {
      const stop = app.events.subscribe((event, payload) => {
        // Running, its screenshot taken: xdotool is typing now.
        const entry = payload as ComputerActionEntry;
        if (event === 'computer.action' && entry.tool === 'computer_type' && entry.status === 'running' && entry.hasImage) {
          stop();
          resolve();
        }
      });
    });
    // Nothing has the focus here: the text goes nowhere.
    const typing = call('computer_type', { text: 'x'.repeat(2000) });
    await running;
    const pid = app.computer.workerPid;
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    const failed = await typing;
    expect(failed).toMatchObject({ ok: false, error: { code: 'WORKER_CRASHED', message: expect.stringContaining('computer worker was killed (SIGKILL)') } });
    expect(app.computer.actions().at(-1)).toMatchObject({ tool: 'computer_type', status: 'failed', error: expect.stringContaining('SIGKILL') });
    const shot = await screenshot();
    expect(existsSync(shot.path)).toBe(true);
    expect(app.computer.workerPid).not.toBe(pid);
  });

  it('Stop cancels the running action', async () => {
    const running = new Promise<void>((resolve) => {
      const stop = app.events.subscribe((event, payload) => {
        const entry = payload as ComputerActionEntry;
        if (event === 'computer.action' && entry.status === 'running' && entry.hasImage) {
          stop();
          resolve();
        }
      });
    });
    const typing = call('computer_type', { text: 'y'.repeat(2000) });
    await running;
    const stopped = await app.dispatch('computer.stop', {}, OWNER_CLI);
    expect(stopped).toMatchObject({ ok: true, result: { actions: 1 } });
    expect(await typing).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: expect.stringContaining('stopped from the Computer Use page') } });
  });

  it('serves the live screen as base64 PNG data, one frame for callers close together', async () => {
    const [a, b] = await Promise.all([app.dispatch('computer.screen', { maxWidth: 400 }, OWNER_CLI), app.dispatch('computer.screen', { maxWidth: 400 }, OWNER_CLI)]);
    if (!a.ok || !b.ok) throw new Error('computer.screen failed');
    const frame = a.result as { image: string; width: number; height: number; at: string };
    expect(frame).toMatchObject({ width: 400, height: 300 });
    expect(decodePng(Buffer.from(frame.image, 'base64'))).toMatchObject({ width: 400, height: 300 });
    expect((b.result as { at: string }).at).toBe(frame.at);
  });

  it('`tools.call` (what `aura tools call computer_screenshot {} --yes` runs) answers the PNG’s path, never its bytes', async () => {
    const reply = await app.dispatch('tools.call', { name: 'computer_screenshot', input: {}, workspacePath: app.home, approved: true }, OWNER_CLI);
    if (!reply.ok) throw new Error(reply.error.message);
    const text = JSON.stringify(reply.result);
    expect((reply.result as { output: ImageOutput }).output.path).toMatch(/\.png$/);
    expect(text.length).toBeLessThan(1000);
    expect(text).not.toContain('iVBORw0KGgo'); // a PNG's first bytes in base64
  });

  it('reports the display it drives, and a clear reason with the fix when it cannot reach one', async () => {
    expect(await app.computer.status()).toMatchObject({ available: true, display: x.display, width: WIDTH, height: HEIGHT });
    await app.settings.set({ key: 'computerDisplay', value: ':4242' }, 'test');
    try {
      expect(await app.computer.status()).toMatchObject({ available: false, display: ':4242', reason: expect.stringContaining('No X server answers on display :4242'), fix: expect.stringContaining('Xvfb :4242') });
      expect(await call('computer_screenshot', {})).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: expect.stringContaining(':4242') } });
    } finally {
      await app.settings.set({ key: 'computerDisplay', value: null }, 'test');
    }
  });
});

describe('computer use without a display', () => {
  it('fails every tool with the reason and the fix, and says so in its status', async () => {
    const bare = openTempApp(tempDir(), { env: {} });
    try {
      const result = await bare.runner.call({ name: 'computer_screenshot', input: {}, profile: 'yes', approve: async () => true, ctx: { roots: [bare.home], signal: new AbortController().signal, actor: 'test', taskId: null } });
      expect(result).toMatchObject({ ok: false, error: { code: 'IO_ERROR', message: expect.stringContaining('DISPLAY is not set'), hint: expect.stringContaining('computerDisplay') } });
      expect(await bare.computer.status()).toMatchObject({ available: false, display: null, reason: expect.stringContaining('no display is chosen') });
    } finally {
      await bare.dispose();
    }
  });
});
