import type { ToolRegistry } from '../tool-registry';
import type { WorkspaceFs } from '../workspace-fs';
import { editTool } from './edit-tool';
import { withPaths } from './file-tool-paths';
import { globTool } from './glob-tool';
import { grepTool } from './grep-tool';
import { listTool } from './list-tool';
import { readTool } from './read-tool';
import { writeTool } from './write-tool';

/** The workspace tools every task has; their reads and writes go through `fs` (the sandbox, where there is one). */
export function registerBuiltinTools(registry: ToolRegistry, fs: WorkspaceFs): void {
  for (const tool of [readTool(fs), writeTool(fs), editTool(fs), listTool(fs), globTool, grepTool(fs)]) registry.register(withPaths(tool));
}
