import { describe, expect, it } from '@jest/globals';
import { BrowserInputEvent } from '../../../shared/browser';
import { keyInput, pagePoint } from './input-events';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => keyInput({ key: k, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });

describe('pagePoint', () => {
  it('maps a point of the frame as shown onto the page’s CSS pixels', () => {
    expect(pagePoint(320, 200, { width: 640, height: 400 }, { width: 1280, height: 800 })).toEqual({ x: 640, y: 400 });
    expect(pagePoint(0, 0, { width: 640, height: 400 }, { width: 1280, height: 800 })).toEqual({ x: 0, y: 0 });
  });

  it('keeps points on the page when the pointer is at or past an edge', () => {
    expect(pagePoint(700, -5, { width: 640, height: 400 }, { width: 1280, height: 800 })).toEqual({ x: 1280, y: 0 });
  });
});

describe('keyInput', () => {
  it('sends printable keys as text, shifted or not, in any script', () => {
    expect(key('a')).toEqual({ kind: 'text', text: 'a' });
    expect(key('A', { shiftKey: true })).toEqual({ kind: 'text', text: 'A' });
    expect(key('é')).toEqual({ kind: 'text', text: 'é' });
    expect(key('ب')).toEqual({ kind: 'text', text: 'ب' });
    expect(key(' ')).toEqual({ kind: 'text', text: ' ' });
  });

  it('sends named keys and shortcuts as Playwright key names', () => {
    expect(key('Enter')).toEqual({ kind: 'key', key: 'Enter' });
    expect(key('Tab', { shiftKey: true })).toEqual({ kind: 'key', key: 'Shift+Tab' });
    expect(key('a', { ctrlKey: true })).toEqual({ kind: 'key', key: 'Control+a' });
    expect(key('ArrowLeft', { altKey: true })).toEqual({ kind: 'key', key: 'Alt+ArrowLeft' });
    expect(key('F5')).toEqual({ kind: 'key', key: 'F5' });
  });

  it('sends nothing for a modifier alone, a dead key, or a shortcut it cannot name', () => {
    for (const k of ['Shift', 'Control', 'Dead', 'Unidentified', 'MediaPlayPause']) expect(key(k)).toBeNull();
    expect(key('é', { ctrlKey: true })).toBeNull();
  });

  it('makes only events the contract accepts', () => {
    for (const k of ['a', 'Enter', 'F12', '+', '/', 'PageDown']) {
      for (const mods of [{}, { ctrlKey: true }, { shiftKey: true }, { altKey: true, ctrlKey: true }]) {
        const event = key(k, mods);
        if (event) expect(BrowserInputEvent.safeParse(event).success).toBe(true);
      }
    }
  });
});
