import { createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import { AuraError } from '../../../shared/errors';
import { defineTool } from '../tool-definition';
import type { WorkspaceFs } from '../workspace-fs';
import { resolveWritable } from '../path-guard';
import { readTextFile, writeTextFile } from './file-io';
import { FILE_LIMITS } from './limits';

const Input = z
  .object({
    path: z.string().min(1).describe('File path, relative to the workspace'),
    search: z.string().min(1).describe('Exact text to find'),
    replace: z.string().describe('Text to put in its place'),
    all: z.boolean().optional().describe('Replace every occurrence; otherwise the text must occur exactly once'),
  })
  .strict();

/** `edit`, with its I/O done by `fs`. */
export const editTool = (fs: WorkspaceFs) =>
  defineTool({
    name: 'edit',
    description: 'Replace exact text in a file (search/replace) and return a unified diff of the change.',
    risk: 'write',
    source: 'builtin',
    inputSchema: Input,
    run: async ({ path, search, replace, all }: z.infer<typeof Input>, ctx) => {
      const real = resolveWritable(ctx.roots, path);
      const before = await readTextFile(fs, ctx.roots, real, FILE_LIMITS.writeBytes);
      const count = before.split(search).length - 1;
      if (count === 0) throw new AuraError('INVALID_INPUT', `The search text was not found in ${path}.`, 'Read the file and copy the exact text, whitespace included.');
      if (count > 1 && !all) throw new AuraError('INVALID_INPUT', `The search text occurs ${count} times in ${path}.`, 'Include more surrounding text so it is unique, or set "all": true.');
      // split/join, not String.replace: `$&` and friends in the replacement must stay literal.
      const after = all ? before.split(search).join(replace) : before.replace(search, () => replace);
      if (Buffer.byteLength(after) > FILE_LIMITS.writeBytes) throw new AuraError('INVALID_INPUT', `The edited file would exceed ${FILE_LIMITS.writeBytes} bytes.`);
      await writeTextFile(fs, ctx.roots, real, after);
      return { path, replacements: all ? count : 1, diff: createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 }) };
    },
  });
