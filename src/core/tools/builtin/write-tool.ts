import { z } from 'zod';
import { defineTool } from '../tool-definition';
import type { WorkspaceFs } from '../workspace-fs';
import { resolveWritable } from '../path-guard';
import { writeTextFile } from './file-io';
import { filePreview } from './file-preview';
import { FILE_LIMITS } from './limits';

const Input = z
  .object({
    path: z.string().min(1).describe('File path, relative to the workspace; missing folders are created'),
    content: z.string().max(FILE_LIMITS.writeBytes).describe('The whole new content of the file'),
  })
  .strict();

/** `write`, with its I/O done by `fs`. */
export const writeTool = (fs: WorkspaceFs) =>
  defineTool({
    name: 'write',
    description: 'Create a text file or replace its whole content, atomically.',
    risk: 'write',
    source: 'builtin',
    inputSchema: Input,
    preview: ({ path, content }: z.infer<typeof Input>, ctx) => filePreview(fs, ctx.roots, path, () => content),
    run: async ({ path, content }: z.infer<typeof Input>, ctx) => {
      const real = resolveWritable(ctx.roots, path);
      const { created } = await writeTextFile(fs, ctx.roots, real, content);
      return { path, bytes: Buffer.byteLength(content), created };
    },
  });
