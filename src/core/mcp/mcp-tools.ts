import { z } from 'zod';
import { AuraError } from '../../shared/errors';
import { MCP_LIMITS } from '../../shared/mcp';
import type { ToolDefinition } from '../tools/tool-definition';
import { riskOf, untrustedText, type ListedTool } from './tool-definitions';

/** A compiled JSON Schema check of a tool's input (the SDK's ajv validator). */
export type InputCheck = (input: unknown) => { valid: true } | { valid: false; errorMessage: string };

/** What an MCP tool call returns, as far as a tool's output goes. */
export interface McpCallResult {
  content?: unknown[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface McpToolSource {
  callTool(name: string, args: Record<string, unknown>, options: { signal: AbortSignal; onProgress?: (progress: number, total: number | undefined, text: string | undefined) => void }): Promise<McpCallResult>;
}

/** Characters of one result's text kept; the model sees less (agent/tool-output.ts), the record keeps this. */
const OUTPUT_CHARS = 1_000_000;

/**
 * An approved MCP tool as the registry holds it: its JSON Schema shown to models as the server gave it and
 * checked with ajv on every call, its risk from its (approved) annotations, and its calls passed to the
 * server with their progress streamed as output and their cancellation passed on.
 */
export function mcpToolDefinition(server: string, name: string, tool: ListedTool, source: McpToolSource, check: InputCheck): ToolDefinition {
  const description = untrustedText(tool.description ?? tool.title ?? '', MCP_LIMITS.descriptionChars);
  return {
    name,
    // Labelled, so a model and a person reading the list know whose words these are.
    description: `[MCP server "${server}"] ${description}`,
    risk: riskOf(tool),
    source: 'mcp',
    inputSchema: z.record(z.string(), z.unknown()).superRefine((input, ctx) => {
      const result = check(input);
      if (!result.valid) ctx.addIssue({ code: 'custom', message: result.errorMessage });
    }),
    inputJsonSchema: tool.inputSchema,
    async run(input, ctx) {
      const result = await source.callTool(tool.name, input as Record<string, unknown>, {
        signal: ctx.signal,
        ...(ctx.onOutput ? { onProgress: (progress, total, text) => ctx.onOutput?.(`[progress ${progress}${total === undefined ? '' : `/${total}`}]${text ? ` ${text}` : ''}\n`) } : {}),
      });
      const output = outputOf(result);
      if (result.isError) throw new AuraError('TOOL_FAILED', `${name} failed: ${typeof output === 'string' ? output.slice(0, 2000) : JSON.stringify(output).slice(0, 2000)}`);
      return output;
    },
  };
}

/**
 * A result as a tool output: its text (a server that returns structured content also returns it as text,
 * as MCP asks); the structured content itself only when there is no text.
 */
export function outputOf(result: McpCallResult): unknown {
  const text = (result.content ?? []).map(describeContent).join('\n\n');
  if (!text && result.structuredContent !== undefined) return result.structuredContent;
  return text.length > OUTPUT_CHARS ? `${text.slice(0, OUTPUT_CHARS)}\n[cut: ${text.length - OUTPUT_CHARS} more characters]` : text;
}

/** One content block as text: images, audio and binary resources are described, not carried. */
function describeContent(block: unknown): string {
  const item = (block ?? {}) as { type?: string; text?: string; mimeType?: string; data?: string; uri?: string; name?: string; resource?: { uri?: string; text?: string; blob?: string; mimeType?: string } };
  switch (item.type) {
    case 'text':
      return item.text ?? '';
    case 'image':
    case 'audio':
      return `[${item.type} ${item.mimeType ?? ''}, ${Math.floor(((item.data ?? '').length * 3) / 4)} bytes]`;
    case 'resource_link':
      return `[resource ${item.name ?? ''} ${item.uri ?? ''}]`;
    case 'resource':
      return item.resource?.text !== undefined ? `[resource ${item.resource.uri ?? ''}]\n${item.resource.text}` : `[resource ${item.resource?.uri ?? ''}, ${item.resource?.mimeType ?? 'binary'}]`;
    default:
      return `[${String(item.type ?? 'unknown')} content]`;
  }
}
