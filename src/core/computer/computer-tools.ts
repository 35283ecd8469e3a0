import type { z } from 'zod';
import { ComputerClickInput, ComputerKeyInput, ComputerMoveInput, ComputerScreenshotInput, ComputerScrollInput, ComputerTypeInput, type InputAction } from '../../shared/computer';
import { defineTool, type ToolDefinition } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import type { ComputerService } from './computer-service';

const SCREEN = 'the X display computer use drives (the whole screen; coordinates are its pixels, from the top-left corner)';

/** An action tool: `execute` risk, so the gate asks first under every profile but `yes` (and read-only refuses it); the question shows the target marked on a fresh screenshot. */
function actionTool<S extends z.ZodType>(name: string, description: string, inputSchema: S, toAction: (input: z.output<S>) => InputAction, computer: ComputerService): ToolDefinition {
  return defineTool({
    name,
    description,
    risk: 'execute',
    source: 'worker',
    inputSchema: inputSchema as z.ZodType<z.output<S>>,
    beforeApproval: (input, ctx) => computer.prepareApproval(toAction(input), ctx.toolCallId),
    preview: async (input) => ({ kind: 'screenshot', action: toAction(input) }),
    run: (input, ctx) => computer.act(name, toAction(input), ctx),
  });
}

/** The computer-use tools, registered like every other tool: through the gate, audited, in the model's list. */
export function registerComputerTools(registry: ToolRegistry, computer: ComputerService): void {
  registry.register(
    defineTool({
      name: 'computer_screenshot',
      description: `Take a screenshot of ${SCREEN}. Returns the PNG's path, width and height; a model that can see images receives the image itself.`,
      risk: 'read',
      source: 'worker',
      inputSchema: ComputerScreenshotInput,
      run: (_input: z.output<typeof ComputerScreenshotInput>, ctx) => computer.screenshot(ctx),
    }),
  );
  registry.register(
    actionTool('computer_click', `Click a mouse button at a point of ${SCREEN}. Take a screenshot first to find the point.`, ComputerClickInput, ({ x, y, button, double }) => ({ kind: 'click', x, y, button: button ?? 'left', double: double ?? false }), computer),
  );
  registry.register(actionTool('computer_move', `Move the mouse pointer to a point of ${SCREEN}, without clicking (to hover).`, ComputerMoveInput, ({ x, y }) => ({ kind: 'move', x, y }), computer));
  registry.register(actionTool('computer_type', `Type text with the keyboard into the focused window of ${SCREEN}.`, ComputerTypeInput, ({ text }) => ({ kind: 'type', text }), computer));
  registry.register(actionTool('computer_key', `Press keys or key combinations on ${SCREEN}, in xdotool syntax: "Return", "ctrl+c", "alt+F4", "ctrl+shift+t", several separated by spaces.`, ComputerKeyInput, ({ keys }) => ({ kind: 'key', keys }), computer));
  registry.register(
    actionTool('computer_scroll', `Turn the mouse wheel on ${SCREEN}, at a point if given (the pointer moves there first).`, ComputerScrollInput, ({ direction, amount, x, y }) => ({ kind: 'scroll', direction, amount: amount ?? 3, ...(x !== undefined && y !== undefined ? { x, y } : {}) }), computer),
  );
}
