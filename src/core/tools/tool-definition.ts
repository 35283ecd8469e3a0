import type { z } from 'zod';
import type { ToolInfo, ToolRisk } from '../../shared/tools';

/** What a running tool may touch: the real workspace roots, and the signal that stops it. */
export interface ToolContext {
  roots: string[];
  signal: AbortSignal;
  /** Who asked: `agent`, `cli`, `ui`; recorded in the audit trail. */
  actor: string;
  taskId: string | null;
}

/** One tool, from any source. Its zod schema validates every call and is what models are shown. */
export interface ToolDefinition<I = unknown, O = unknown> {
  name: string;
  description: string;
  risk: ToolRisk;
  source: ToolInfo['source'];
  inputSchema: z.ZodType<I>;
  run(input: I, ctx: ToolContext): Promise<O>;
}

/** Lets a tool with a specific input type sit in a list of tools; the runner validates before `run`. */
export const defineTool = <I, O>(definition: ToolDefinition<I, O>): ToolDefinition => definition as unknown as ToolDefinition;
