import { z } from 'zod';
import type { ProcedureMeta } from './contract';
import type { WorkerMethods } from './worker-protocol';

/**
 * Computer use: the agent sees an X display (screenshots) and drives its mouse and keyboard (xdotool),
 * from the computer worker (src/workers/computer, built to dist/workers/computer.js). These schemas are
 * the tools' inputs, the worker's methods, and the Computer Use page's procedures and event, spread into
 * the contract's tables.
 */

/** The worker's name: src/workers/computer/main.ts, built to dist/workers/computer.js. */
export const COMPUTER_WORKER = 'computer';

export const COMPUTER_LIMITS = {
  /** Characters one `computer_type` may type (xdotool types them one by one, ~12 ms each). */
  typeChars: 2000,
  /** Key combinations one `computer_key` may press in sequence. */
  keyCombos: 20,
  /** Wheel clicks one `computer_scroll` may turn. */
  scrollAmount: 30,
  /** Actions the Computer Use page's log keeps (the newest). */
  actionLog: 200,
  /** Screenshot files kept under <data>/screenshots/computer; older ones are removed. */
  keptScreenshots: 300,
  /** The live view is fetched no more often than this, however many pages ask. */
  liveFrameMs: 500,
} as const;

/** A display name: `:0`, `:99.0`, `localhost:10.0`, `unix:1`; never an option (`-…`). */
export const DisplayName = z
  .string()
  .trim()
  .max(200)
  .regex(/^[A-Za-z0-9._/]*:\d{1,5}(?:\.\d{1,3})?$/, 'must be an X display such as :0 or :99 (host:number.screen)');

const Coordinate = z.number().int().min(0).max(32_767);

/**
 * xdotool key syntax, checked against an allow-list: combinations of X keysym names joined by `+`
 * (`ctrl+c`, `alt+F4`, `Return`, `KP_Enter`, `ctrl+shift+t`), separated by single spaces. Nothing that
 * could read as an option (`--window`) or as another command gets through.
 */
const KEYSYM = '[A-Za-z0-9][A-Za-z0-9_]{0,31}';
export const KEY_COMBO = new RegExp(`^${KEYSYM}(?:\\+${KEYSYM}){0,5}$`);
export const KeySequence = z
  .string()
  .trim()
  .min(1)
  .max(400)
  .refine((keys) => {
    const combos = keys.split(' ');
    return combos.length <= COMPUTER_LIMITS.keyCombos && combos.every((combo) => KEY_COMBO.test(combo));
  }, `must be xdotool key names joined by + (e.g. "ctrl+c", "Return", "alt+F4"), up to ${COMPUTER_LIMITS.keyCombos} separated by single spaces`);

export const MouseButton = z.enum(['left', 'middle', 'right']);
export type MouseButton = z.infer<typeof MouseButton>;
export const ScrollDirection = z.enum(['up', 'down', 'left', 'right']);

/** The tools' inputs, as the model sees them. */
export const ComputerScreenshotInput = z.object({}).strict();
export const ComputerClickInput = z
  .object({
    x: Coordinate.describe('Pixels from the left edge of the screen'),
    y: Coordinate.describe('Pixels from the top edge of the screen'),
    button: MouseButton.optional().describe('Which button; left by default'),
    double: z.boolean().optional().describe('A double click'),
  })
  .strict();
export const ComputerMoveInput = z.object({ x: Coordinate.describe('Pixels from the left edge'), y: Coordinate.describe('Pixels from the top edge') }).strict();
export const ComputerTypeInput = z.object({ text: z.string().min(1).max(COMPUTER_LIMITS.typeChars).describe('Text to type into the focused window; \\n presses Return') }).strict();
export const ComputerKeyInput = z.object({ keys: KeySequence.describe('xdotool key names, e.g. "ctrl+s", "Return", "alt+Tab", several separated by spaces') }).strict();
export const ComputerScrollInput = z
  .object({
    direction: ScrollDirection,
    amount: z.number().int().min(1).max(COMPUTER_LIMITS.scrollAmount).optional().describe('Wheel clicks; 3 by default'),
    x: Coordinate.optional().describe('Move the pointer here first (with y)'),
    y: Coordinate.optional(),
  })
  .strict()
  .refine((input) => (input.x === undefined) === (input.y === undefined), 'give both x and y, or neither');

/** One action as the worker performs it and the log shows it. */
/** The actions that move the mouse or press keys: each asks first under every profile but `yes`. */
const INPUT_ACTIONS = [
  z.object({ kind: z.literal('click'), x: Coordinate, y: Coordinate, button: MouseButton, double: z.boolean() }),
  z.object({ kind: z.literal('move'), x: Coordinate, y: Coordinate }),
  z.object({ kind: z.literal('type'), text: z.string().min(1).max(COMPUTER_LIMITS.typeChars) }),
  z.object({ kind: z.literal('key'), keys: KeySequence }),
  z.object({ kind: z.literal('scroll'), direction: ScrollDirection, amount: z.number().int().min(1).max(COMPUTER_LIMITS.scrollAmount), x: Coordinate.optional(), y: Coordinate.optional() }),
] as const;
export const InputAction = z.discriminatedUnion('kind', INPUT_ACTIONS);
export type InputAction = z.infer<typeof InputAction>;
export const ComputerAction = z.discriminatedUnion('kind', [z.object({ kind: z.literal('screenshot') }), ...INPUT_ACTIONS]);
export type ComputerAction = z.infer<typeof ComputerAction>;

/** The tools that act on the screen (the approval shows a screenshot with their target marked). */
export const COMPUTER_ACTION_TOOLS = ['computer_click', 'computer_move', 'computer_type', 'computer_key', 'computer_scroll'] as const;
export const isComputerActionTool = (name: string): boolean => (COMPUTER_ACTION_TOOLS as readonly string[]).includes(name);

/** Drawn onto a copy of a screenshot: where a click lands, or the window keys go to. */
export const ScreenMarker = z.discriminatedUnion('kind', [z.object({ kind: z.literal('point'), x: Coordinate, y: Coordinate }), z.object({ kind: z.literal('focus') })]);
export type ScreenMarker = z.infer<typeof ScreenMarker>;

/** Host ↔ worker. */
export const COMPUTER_METHODS = {
  /** Whether the display answers, and its size. */
  'computer.probe': { params: z.object({ display: DisplayName }).strict(), result: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }) },
  /** A PNG of the whole screen, optionally marked, optionally scaled down to at most `maxWidth` pixels wide. */
  'computer.capture': {
    params: z.object({ display: DisplayName, marker: ScreenMarker.nullable(), maxWidth: z.number().int().min(100).max(16_384).optional() }).strict(),
    result: z.object({ png: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected the PNG\'s bytes'), width: z.number().int().positive(), height: z.number().int().positive() }),
  },
  'computer.act': { params: z.object({ display: DisplayName, action: ComputerAction }).strict(), result: z.object({ done: z.literal(true) }) },
} as const satisfies WorkerMethods;
export type ComputerMethods = typeof COMPUTER_METHODS;

/** A PNG for the page, as data: base64, never a file URL. */
export const ScreenImage = z.object({ image: z.string().max(64 * 1024 * 1024), width: z.number().int().positive(), height: z.number().int().positive() });
export type ScreenImage = z.infer<typeof ScreenImage>;

/** Whether computer use works here, on which display, and the fix when it does not. */
export const ComputerStatus = z.object({
  available: z.boolean(),
  display: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  reason: z.string().nullable(),
  fix: z.string().nullable(),
});
export type ComputerStatus = z.infer<typeof ComputerStatus>;

/** One entry of the action log: what the agent (or `aura tools call`) did to the screen, with its screenshot. */
export const ComputerActionEntry = z.object({
  id: z.string().uuid(),
  taskId: z.string().nullable(),
  tool: z.string(),
  action: ComputerAction,
  status: z.enum(['running', 'done', 'failed']),
  error: z.string().nullable(),
  /** A screenshot goes with the entry (`computer.actionImage`): the screen before the action, its target marked. */
  hasImage: z.boolean(),
  at: z.string(),
  durationMs: z.number().int().nonnegative().nullable(),
});
export type ComputerActionEntry = z.infer<typeof ComputerActionEntry>;

/** The screenshot a waiting action asks with, and the point it targets (to zoom in on), when it has one. */
export const ApprovalImage = z.object({ image: ScreenImage.nullable(), reason: z.string().nullable(), target: z.object({ x: z.number().int(), y: z.number().int() }).nullable() });
export type ApprovalImage = z.infer<typeof ApprovalImage>;

const Empty = z.object({}).strict();
const meta = (summary: string): ProcedureMeta => ({ summary, access: 'owner', cli: false });

/** The Computer Use page's procedures, spread into the contract's table. */
export const COMPUTER_PROCEDURES = {
  'computer.status': { input: Empty, output: ComputerStatus, ...meta('Whether computer use works on this display, and the fix when not') },
  /** The live screen, at most one fresh frame per `COMPUTER_LIMITS.liveFrameMs` whoever asks. */
  'computer.screen': { input: z.object({ maxWidth: z.number().int().min(160).max(7680).optional() }).strict(), output: ScreenImage.extend({ at: z.string() }), ...meta('The screen as it is now') },
  'computer.actions': { input: Empty, output: z.array(ComputerActionEntry), ...meta('The latest computer-use actions, oldest first') },
  'computer.actionImage': { input: z.object({ id: z.string().uuid() }).strict(), output: ScreenImage, ...meta('The screenshot of one logged action') },
  /** The screenshot a waiting computer action asks with, its target marked; null (with the reason) when none could be taken. */
  'computer.approvalImage': { input: z.object({ toolCallId: z.string().uuid() }).strict(), output: ApprovalImage, ...meta('The marked screenshot a waiting action asks with') },
  /** Stops computer use now: cancels the running action and the tasks using the screen. */
  'computer.stop': { input: Empty, output: z.object({ tasks: z.number().int().nonnegative(), actions: z.number().int().nonnegative() }), ...meta('Stop computer use: the running action and the tasks driving the screen') },
} as const;

export const COMPUTER_EVENTS = {
  /** An action was logged, or finished. */
  'computer.action': ComputerActionEntry,
} as const;
