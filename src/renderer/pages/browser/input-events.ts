import type { BrowserInputEvent } from '../../../shared/browser';

/** Where a point of the shown frame is on the agent's page, in its CSS pixels: the frame may be shown at any size. */
export function pagePoint(offsetX: number, offsetY: number, shown: { width: number; height: number }, page: { width: number; height: number }): { x: number; y: number } {
  const clamp = (value: number, max: number) => Math.min(Math.max(0, value), max);
  return {
    x: Math.round(clamp((offsetX / Math.max(1, shown.width)) * page.width, page.width) * 10) / 10,
    y: Math.round(clamp((offsetY / Math.max(1, shown.height)) * page.height, page.height) * 10) / 10,
  };
}

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'Dead', 'Unidentified', 'Process']);
/** Key names Playwright accepts, as the DOM's `key` spells them. */
const NAMED_KEY = /^(?:F\d{1,2}|Enter|Tab|Backspace|Delete|Escape|Insert|Home|End|PageUp|PageDown|Arrow(?:Up|Down|Left|Right)|ContextMenu)$/;

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * A key pressed on the live view as an input event for the page: printable text as text (so layouts and
 * IMEs give what the user typed), a named key or a shortcut as Playwright's key name (`Control+a`,
 * `Shift+Tab`). Null for what the page should not get (a modifier alone, a dead key).
 */
export function keyInput(event: KeyLike): BrowserInputEvent | null {
  if (MODIFIER_KEYS.has(event.key)) return null;
  const shortcut = event.ctrlKey || event.metaKey || (event.altKey && event.key.length !== 1);
  if (event.key.length === 1 && !shortcut) return { kind: 'text', text: event.key };
  if (event.key.length === 1 ? !/^[\x21-\x7e]$/.test(event.key) : !NAMED_KEY.test(event.key)) return null;
  const modifiers = [event.ctrlKey && 'Control', event.altKey && 'Alt', event.metaKey && 'Meta', event.shiftKey && event.key.length !== 1 && 'Shift'].filter(Boolean);
  return { kind: 'key', key: [...modifiers, event.key].join('+') };
}
