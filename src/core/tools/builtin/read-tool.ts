import { z } from 'zod';
import { defineTool } from '../tool-definition';
import type { WorkspaceFs } from '../workspace-fs';
import { resolveInside } from '../path-guard';
import { readTextFile } from './file-io';
import { FILE_LIMITS } from './limits';

const Input = z
  .object({
    path: z.string().min(1).describe('File path, relative to the workspace'),
    startLine: z.number().int().min(1).optional().describe('First line to return (1-based)'),
    endLine: z.number().int().min(1).optional().describe('Last line to return, inclusive'),
  })
  .strict();

/** `read`, with its I/O done by `fs`. */
export const readTool = (fs: WorkspaceFs) =>
  defineTool({
    name: 'read',
    description: 'Read a text file in the workspace, optionally a range of lines.',
    risk: 'read',
    source: 'builtin',
    inputSchema: Input,
    run: async ({ path, startLine, endLine }: z.infer<typeof Input>, ctx) => {
      const content = await readTextFile(fs, ctx.roots, resolveInside(ctx.roots, path), FILE_LIMITS.readBytes);
      if (startLine === undefined && endLine === undefined) return { path, content };
      const lines = content.split('\n');
      const from = (startLine ?? 1) - 1;
      const to = Math.min(endLine ?? lines.length, lines.length);
      return { path, startLine: from + 1, endLine: to, totalLines: lines.length, content: lines.slice(from, to).join('\n') };
    },
  });
