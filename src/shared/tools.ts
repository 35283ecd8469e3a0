import { z } from 'zod';

/** How much a tool can change: the permission gate decides by this and the active profile. */
export const ToolRisk = z.enum(['read', 'write', 'execute', 'network']);
export type ToolRisk = z.infer<typeof ToolRisk>;

export const ToolInfo = z.object({
  name: z.string(),
  description: z.string(),
  risk: ToolRisk,
  source: z.enum(['builtin', 'worker', 'mcp', 'plugin']),
  /** JSON Schema of the input, for models and for `aura tools list --json`. */
  inputSchema: z.record(z.string(), z.unknown()),
});
export type ToolInfo = z.infer<typeof ToolInfo>;

export const ToolCallStatus = z.enum(['pending', 'waiting_approval', 'running', 'done', 'failed', 'denied']);
export type ToolCallStatus = z.infer<typeof ToolCallStatus>;
