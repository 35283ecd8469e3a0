import type { z } from 'zod';
import type { ApprovalPreview } from '../../shared/permissions';
import type { ToolInfo, ToolRisk } from '../../shared/tools';

/** What a running tool may touch: the real workspace roots, and the signal that stops it. */
export interface ToolContext {
  roots: string[];
  signal: AbortSignal;
  /** Who asked: `agent`, `cli`, `ui`; recorded in the audit trail. */
  actor: string;
  taskId: string | null;
  /** Where a tool that streams (the shell) sends its output as it comes; the result still carries all of it. */
  onOutput?: (chunk: string) => void;
  /** The call's record id, when it has one (the agent's calls): what its approval's extras are kept under. */
  toolCallId?: string;
  /** Whether a listing or search may show a file (the profile's path rules); absent: every file. Set by the runner. */
  searchable?: (path: string) => boolean;
}

/** One tool, from any source. Its zod schema validates every call and is what models are shown. */
export interface ToolDefinition<I = unknown, O = unknown> {
  name: string;
  description: string;
  risk: ToolRisk;
  source: ToolInfo['source'];
  inputSchema: z.ZodType<I>;
  /** The JSON Schema models are shown, when the tool came with one (MCP); otherwise derived from `inputSchema`. */
  inputJsonSchema?: Record<string, unknown>;
  /**
   * Fail-closed approval: when this returns a reason, the call asks first under every profile that
   * would have allowed it (the shell where no sandbox exists); null keeps the profile's decision.
   */
  askFirst?(): Promise<string | null>;
  /**
   * Called when the call is about to ask the user, before the question shows: prepares what the user
   * decides on besides the input (computer use: a fresh screenshot with the target marked). Never throws.
   */
  beforeApproval?(input: I, ctx: ToolContext): Promise<void>;
  /**
   * What the user is shown before deciding (src/shared/permissions.ts): the file's text before and after a
   * write, the full command, the URL. Read-only; never throws (a failed preview still asks).
   */
  preview?(input: I, ctx: ToolContext): Promise<ApprovalPreview>;
  /** The files a call touches, for the profile's path rules (workspace-relative or absolute, as given). */
  paths?(input: I): { path: string; access: 'read' | 'write' }[];
  run(input: I, ctx: ToolContext): Promise<O>;
}

/** Lets a tool with a specific input type sit in a list of tools; the runner validates before `run`. */
export const defineTool = <I, O>(definition: ToolDefinition<I, O>): ToolDefinition => definition as unknown as ToolDefinition;
