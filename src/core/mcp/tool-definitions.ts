import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { McpPendingChange, McpToolDefinition } from '../../shared/mcp';
import type { ToolRisk } from '../../shared/tools';
import { canonicalJson } from '../audit/canonical-json';

/**
 * SECURITY: the rug-pull defence's pure parts. A tool's definition (name, title, description, schemas,
 * annotations) is hashed when the user approves it; a listing whose definition hashes differently (or a tool
 * never approved) is held until the user approves it again, shown as a diff of the two definitions.
 */

/** A tool as a server lists it (the SDK's `Tool`, of which only the definition's fields matter here). */
export interface ListedTool {
  name: string;
  title?: string | undefined;
  description?: string | undefined;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown> | undefined;
  annotations?: Record<string, unknown> | undefined;
}

export interface ApprovedDefinition {
  hash: string;
  definition: McpToolDefinition;
}

/** The fields a definition is made of, and nothing else the server sends (`_meta`, icons): what the user approves. */
export function definitionOf(tool: ListedTool): McpToolDefinition {
  return {
    name: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
    ...(tool.annotations !== undefined ? { annotations: tool.annotations } : {}),
  };
}

export function hashDefinition(definition: McpToolDefinition): string {
  return createHash('sha256').update('aura-mcp-tool-v1\n').update(canonicalJson(definition)).digest('hex');
}

/** A definition as the user reads it in a diff: keys sorted, indented. */
const readable = (definition: McpToolDefinition | null) => (definition ? `${JSON.stringify(JSON.parse(canonicalJson(definition)) as unknown, null, 2)}\n` : '');

export function definitionDiff(tool: string, before: McpToolDefinition | null, after: McpToolDefinition): string {
  return createTwoFilesPatch(`${tool} (approved)`, `${tool} (now)`, readable(before), readable(after), undefined, undefined, { context: 3 })
    .split('\n')
    .filter((line) => !line.startsWith('====') && !line.startsWith('Index:'))
    .join('\n')
    .trimEnd();
}

export interface ToolReview {
  /** Tools whose definition is the approved one: these are callable. */
  approved: ListedTool[];
  /** New or changed tools, held. */
  pending: (McpPendingChange & { definition: McpToolDefinition })[];
}

/** Sorts a server's listed tools into approved and held, against what the user approved. */
export function reviewTools(listed: readonly ListedTool[], approved: ReadonlyMap<string, ApprovedDefinition>): ToolReview {
  const review: ToolReview = { approved: [], pending: [] };
  for (const tool of listed) {
    const definition = definitionOf(tool);
    const hash = hashDefinition(definition);
    const known = approved.get(tool.name);
    if (known?.hash === hash) {
      review.approved.push(tool);
      continue;
    }
    review.pending.push({ tool: tool.name, kind: known ? 'changed' : 'new', hash, diff: definitionDiff(tool.name, known?.definition ?? null, definition), definition });
  }
  return review;
}

/**
 * What a tool may do, for the permission gate: unknown tools `execute`. The annotations are the server's
 * own claims, trusted only as far as the user approved them (they are part of the hashed definition). A
 * read-only tool that reaches an open world (the MCP default) is `network`; only a read-only tool that
 * says it stays closed is `read`.
 */
export function riskOf(tool: ListedTool): ToolRisk {
  const hints = tool.annotations ?? {};
  if (hints.readOnlyHint !== true) return 'execute';
  return hints.openWorldHint === false ? 'read' : 'network';
}

/** The part of a tool name a server's name gives: lowercase, `-` and other marks as `_`. */
export const serverPrefix = (server: string) => `mcp__${plain(server)}__`;

const plain = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^_+|_+$/g, '');

/** The registry's name limit (tool-registry.ts). */
const MAX_NAME = 64;

/**
 * Aura's names for a server's tools, `mcp__<server>__<tool>`, each fit for the registry (lowercase letters,
 * digits, `_`, at most 64): `get-sum` → `mcp__everything__get_sum`, `getTinyImage` → `…__get_tiny_image`.
 * A name too long is cut and ends with a hash of the original; two tools that come out the same get the
 * second one a hash too. Stable: the same tools give the same names.
 */
export function auraToolNames(server: string, tools: readonly string[]): Map<string, string> {
  const prefix = serverPrefix(server);
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const short = (tool: string) => createHash('sha256').update(tool).digest('hex').slice(0, 6);
  for (const tool of [...tools].sort()) {
    let name = `${prefix}${plain(tool) || 'tool'}`;
    if (name.length > MAX_NAME || taken.has(name)) name = `${name.slice(0, MAX_NAME - 7)}_${short(tool)}`;
    taken.add(name);
    names.set(tool, name);
  }
  return names;
}

/** Control characters out, and cut: a description is untrusted text that reaches terminals and models. */
export function untrustedText(text: string | undefined, max: number): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = (text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
