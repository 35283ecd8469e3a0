import { z } from 'zod';
import { defineTool } from '../tool-definition';
import { isInside, resolveInside } from '../path-guard';
import { FILE_LIMITS } from './limits';
import { findFiles, searchableFiles } from './workspace-files';

const Input = z
  .object({
    pattern: z.string().min(1).max(500).describe('Glob such as **/*.ts'),
    path: z.string().min(1).default('.').describe('Folder to search in, relative to the workspace'),
  })
  .strict();

export const globTool = defineTool({
  name: 'glob',
  description: 'Find files in the workspace whose path matches a glob pattern.',
  risk: 'read',
  source: 'builtin',
  inputSchema: Input,
  run: async ({ pattern, path }: z.infer<typeof Input>, ctx) => {
    const base = resolveInside(ctx.roots, path);
    const root = ctx.roots.find((r) => isInside(r, base)) ?? base;
    return searchableFiles(await findFiles(root, base, pattern, FILE_LIMITS.globMatches), root, ctx);
  },
});
