import type { ToolDefinition } from '../tool-definition';

type Access = 'read' | 'write';

/** What each file tool touches, for the profile's path rules: the one `path` its input names. */
const ACCESS: Record<string, Access> = { read: 'read', list: 'read', glob: 'read', grep: 'read', write: 'write', edit: 'write' };

/**
 * The file tools with `paths()` added. Kept beside the tools rather than in each: the rules read only the
 * `path` field every one of them has (a folder for list, glob and grep, which leave out each file inside it
 * that a rule would not let them read: `ctx.searchable`).
 */
export function withPaths(tool: ToolDefinition): ToolDefinition {
  const access = ACCESS[tool.name];
  if (!access || tool.paths) return tool;
  return { ...tool, paths: (input) => (typeof (input as { path?: unknown }).path === 'string' ? [{ path: (input as { path: string }).path, access }] : []) };
}
