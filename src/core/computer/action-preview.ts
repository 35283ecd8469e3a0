import type { InputAction } from '../../shared/computer';

/**
 * What a waiting computer action would do, in the words the approval prompt shows beside the marked
 * screenshot: the whole text to type and the exact keys, so nothing is left out of what the user allows.
 */
export function plannedAction(action: InputAction): string {
  switch (action.kind) {
    case 'click':
      return `${action.double ? 'Double-click' : 'Click'} the ${action.button} button at (${action.x}, ${action.y})`;
    case 'move':
      return `Move the pointer to (${action.x}, ${action.y})`;
    case 'type':
      return `Type ${JSON.stringify(action.text)}`;
    case 'key':
      return `Press ${action.keys}`;
    case 'scroll':
      return `Scroll ${action.direction} ${action.amount} time${action.amount === 1 ? '' : 's'}${action.x === undefined ? '' : ` at (${action.x}, ${action.y})`}`;
  }
}
