import { z } from 'zod';
import { AuraError } from '../../shared/errors';
import type { ToolInfo } from '../../shared/tools';
import type { ToolDefinition } from './tool-definition';

const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** The one place every tool source (built-in, workers, MCP, plugins) registers into. */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>();
  /** JSON Schemas are costly to derive and asked for on every task step; rebuilt only when tools change. */
  private listed: ToolInfo[] | null = null;

  register(definition: ToolDefinition): () => void {
    // Names reach models and the audit trail; keep them plain so no source can spoof another's.
    if (!TOOL_NAME.test(definition.name)) throw new AuraError('INVALID_INPUT', `"${definition.name}" is not a valid tool name.`, 'Use lowercase letters, digits and underscores.');
    if (this.tools.has(definition.name)) throw new AuraError('CONFLICT', `A tool named "${definition.name}" is already registered.`);
    this.tools.set(definition.name, definition);
    this.listed = null;
    return () => {
      this.tools.delete(definition.name);
      this.listed = null;
    };
  }

  get(name: string): ToolDefinition | undefined {
    return this.tools.get(name);
  }

  list(): ToolInfo[] {
    return (this.listed ??= [...this.tools.values()]
      .map((t) => ({ name: t.name, description: t.description, risk: t.risk, source: t.source, inputSchema: t.inputJsonSchema ?? (z.toJSONSchema(t.inputSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>) }))
      .sort((a, b) => a.name.localeCompare(b.name)));
  }
}
