import { describe, expect, it } from '@jest/globals';
import { plannedAction } from './action-preview';

describe('plannedAction', () => {
  it('says exactly what a computer action would do, the whole text and keys included', () => {
    expect(plannedAction({ kind: 'click', x: 10, y: 20, button: 'left', double: false })).toBe('Click the left button at (10, 20)');
    expect(plannedAction({ kind: 'click', x: 1, y: 2, button: 'right', double: true })).toBe('Double-click the right button at (1, 2)');
    expect(plannedAction({ kind: 'move', x: 3, y: 4 })).toBe('Move the pointer to (3, 4)');
    expect(plannedAction({ kind: 'type', text: 'rm -rf "x"\n' })).toBe('Type "rm -rf \\"x\\"\\n"');
    expect(plannedAction({ kind: 'key', keys: 'ctrl+s Return' })).toBe('Press ctrl+s Return');
    expect(plannedAction({ kind: 'scroll', direction: 'down', amount: 1 })).toBe('Scroll down 1 time');
    expect(plannedAction({ kind: 'scroll', direction: 'up', amount: 3, x: 5, y: 6 })).toBe('Scroll up 3 times at (5, 6)');
  });
});
