import type { ToolRegistry } from '../tool-registry';
import { editTool } from './edit-tool';
import { globTool } from './glob-tool';
import { grepTool } from './grep-tool';
import { listTool } from './list-tool';
import { readTool } from './read-tool';
import { writeTool } from './write-tool';

/** The workspace tools every task has. */
export function registerBuiltinTools(registry: ToolRegistry): void {
  for (const tool of [readTool, writeTool, editTool, listTool, globTool, grepTool]) registry.register(tool);
}
