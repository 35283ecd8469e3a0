// The computer worker, built to dist/workers/computer.js: screenshots of an X display (xwd, turned into a
// PNG here) and mouse and keyboard input (xdotool). It holds no state but a short cache of screen sizes;
// the host decides what may run (the permission gate) and where screenshots are kept.
import { AuraError } from '../../shared/errors';
import { COMPUTER_METHODS, type ComputerAction, type MouseButton, type ScreenMarker } from '../../shared/computer';
import { serveWorker } from '../worker-runtime';
import { encodePng } from './png-encode';
import { markPoint, markRectangle } from './screen-marker';
import { assertSupportedPlatform, requirePrograms, runX, shellNumbers, type RunOptions } from './x-programs';
import { grabScreen } from './x11-screen';
import { decodeXwd, shrinkToWidth, type RgbImage } from './xwd-image';

/** The longest one run of xwd or xdotool may take (typing goes in pieces, each its own run). */
const CALL_MS = 15_000;
const TYPE_DELAY_MS = 12;
/** A display's size is asked again after this long (a screen can be resized). */
const SIZE_TTL_MS = 5000;

/** Characters typed per xdotool run. */
const TYPE_PIECE = 32;

/** Text in pieces of at most `size` characters, never splitting a surrogate pair. */
function pieces(text: string, size: number): string[] {
  const characters = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < characters.length; i += size) out.push(characters.slice(i, i + size).join(''));
  return out;
}

const BUTTONS: Record<MouseButton, string> = { left: '1', middle: '2', right: '3' };
const WHEEL = { up: '4', down: '5', left: '6', right: '7' } as const;

const sizes = new Map<string, { at: number; width: number; height: number }>();

async function screenSize(display: string, signal: AbortSignal): Promise<{ width: number; height: number }> {
  const cached = sizes.get(display);
  if (cached && Date.now() - cached.at < SIZE_TTL_MS) return cached;
  const text = (await runX('xdotool', ['getdisplaygeometry'], { display, signal, timeoutMs: CALL_MS })).toString('utf8');
  const match = /^(\d+) (\d+)/.exec(text.trim());
  if (!match) throw new AuraError('IO_ERROR', `xdotool gave no screen size for display ${display}: "${text.trim().slice(0, 100)}".`);
  const size = { at: Date.now(), width: Number(match[1]), height: Number(match[2]) };
  sizes.set(display, size);
  return size;
}

async function insideScreen(display: string, x: number, y: number, signal: AbortSignal): Promise<void> {
  const { width, height } = await screenSize(display, signal);
  if (x >= width || y >= height) throw new AuraError('INVALID_INPUT', `(${x}, ${y}) is outside the screen, which is ${width}×${height} pixels.`, `Use x from 0 to ${width - 1} and y from 0 to ${height - 1}; take a screenshot to see where things are.`);
}

type Target = { kind: 'point'; x: number; y: number } | { kind: 'window'; x: number; y: number; width: number; height: number };

/** The window keys go to: the focused one, else (focus follows the pointer) the one under the pointer. */
async function keyTarget(options: RunOptions): Promise<Target> {
  try {
    const focused = shellNumbers((await runX('xdotool', ['getwindowfocus', 'getwindowgeometry', '--shell'], options)).toString('utf8'));
    if (focused.WIDTH && focused.HEIGHT) return { kind: 'window', x: focused.X ?? 0, y: focused.Y ?? 0, width: focused.WIDTH, height: focused.HEIGHT };
  } catch {
    // No window has the focus of its own (PointerRoot): the pointer decides.
  }
  const pointer = shellNumbers((await runX('xdotool', ['getmouselocation', '--shell'], options)).toString('utf8'));
  const at: Target = { kind: 'point', x: pointer.X ?? 0, y: pointer.Y ?? 0 };
  if (!pointer.WINDOW) return at;
  try {
    const under = shellNumbers((await runX('xdotool', ['getwindowgeometry', '--shell', String(pointer.WINDOW)], options)).toString('utf8'));
    const screen = await screenSize(options.display, options.signal);
    // The root window is the whole screen: outlining it would say nothing.
    if (under.WIDTH && under.HEIGHT && !(under.WIDTH >= screen.width && under.HEIGHT >= screen.height)) return { kind: 'window', x: under.X ?? 0, y: under.Y ?? 0, width: under.WIDTH, height: under.HEIGHT };
  } catch {
    // The window went away meanwhile.
  }
  return at;
}

/** The whole screen: straight from the X server, else (a remote display, an odd visual, a refusal) through xwd. */
async function screenImage(options: RunOptions): Promise<RgbImage> {
  try {
    return await grabScreen(options.display, options.signal);
  } catch {
    options.signal.throwIfAborted();
    // xwd knows every case grabScreen does not; when it fails too, its failure says what to do.
    return decodeXwd(await runX('xwd', ['-root', '-silent'], options));
  }
}

async function capture(display: string, marker: ScreenMarker | null, maxWidth: number | undefined, signal: AbortSignal): Promise<{ png: Buffer; width: number; height: number }> {
  const options = { display, signal, timeoutMs: CALL_MS };
  // Where keys go is read before the picture, so the outline matches what it shows.
  const target: Target | null = marker?.kind === 'focus' ? await keyTarget(options) : marker;
  let image = await screenImage(options);
  if (target?.kind === 'window') markRectangle(image, target.x, target.y, target.width, target.height);
  else if (target) markPoint(image, target.x, target.y);
  if (maxWidth !== undefined) image = shrinkToWidth(image, maxWidth);
  return { png: encodePng(image), width: image.width, height: image.height };
}

async function act(display: string, action: ComputerAction, signal: AbortSignal): Promise<void> {
  const options = { display, signal, timeoutMs: CALL_MS };
  switch (action.kind) {
    case 'screenshot':
      return;
    case 'click':
      await insideScreen(display, action.x, action.y, signal);
      // xdotool waits --delay after each click (100 ms by default), the last one too; 40 ms still makes a double click.
      await runX('xdotool', ['mousemove', String(action.x), String(action.y), 'click', '--repeat', action.double ? '2' : '1', '--delay', '40', BUTTONS[action.button]], options);
      return;
    case 'move':
      await insideScreen(display, action.x, action.y, signal);
      await runX('xdotool', ['mousemove', String(action.x), String(action.y)], options);
      return;
    case 'type':
      // In pieces: a cancel (or this worker's end) stops the typing within one piece, where one long
      // xdotool run would go on typing into whatever window has the focus. `--` ends the options, so
      // text that starts with a dash is typed, not read as one.
      for (const piece of pieces(action.text, TYPE_PIECE)) {
        signal.throwIfAborted();
        await runX('xdotool', ['type', '--delay', String(TYPE_DELAY_MS), '--', piece], options);
      }
      return;
    case 'key':
      await runX('xdotool', ['key', '--delay', String(TYPE_DELAY_MS * 4), '--', ...action.keys.split(' ')], options);
      return;
    case 'scroll': {
      const turn = ['click', '--repeat', String(action.amount), '--delay', '30', WHEEL[action.direction]];
      if (action.x !== undefined && action.y !== undefined) {
        await insideScreen(display, action.x, action.y, signal);
        await runX('xdotool', ['mousemove', String(action.x), String(action.y), ...turn], options);
      } else await runX('xdotool', turn, options);
      return;
    }
  }
}

serveWorker(COMPUTER_METHODS, {
  'computer.probe': async ({ display }, { signal }) => {
    assertSupportedPlatform();
    requirePrograms();
    sizes.delete(display);
    const { width, height } = await screenSize(display, signal);
    return { width, height };
  },
  'computer.capture': ({ display, marker, maxWidth }, { signal }) => capture(display, marker, maxWidth, signal),
  'computer.act': async ({ display, action }, { signal }) => {
    await act(display, action, signal);
    return { done: true as const };
  },
});
