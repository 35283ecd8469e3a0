import { createTwoFilesPatch } from 'diff';
import { z } from 'zod';
import { AuraError } from '../../../shared/errors';
import { defineTool } from '../tool-definition';
import type { WorkspaceFs } from '../workspace-fs';
import { resolveWritable } from '../path-guard';
import { readTextFile, writeTextFile } from './file-io';
import { filePreview } from './file-preview';
import { FILE_LIMITS } from './limits';

const Input = z
  .object({
    path: z.string().min(1).describe('File path, relative to the workspace'),
    search: z.string().min(1).describe('Exact text to find'),
    replace: z.string().describe('Text to put in its place'),
    all: z.boolean().optional().describe('Replace every occurrence; otherwise the text must occur exactly once'),
  })
  .strict();

type EditInput = z.infer<typeof Input>;

const missing = (path: string): never => {
  throw new AuraError('NOT_FOUND', `${path} does not exist.`, 'List the folder to see what is there.');
};

/**
 * What `edit` makes of a file's text (the run and the approval preview both use it) and how many times the
 * search text occurred; refuses a missing or ambiguous search, or a result too big.
 */
function applyEdit(before: string, { path, search, replace, all }: EditInput): { after: string; count: number } {
  const count = before.split(search).length - 1;
  if (count === 0) throw new AuraError('INVALID_INPUT', `The search text was not found in ${path}.`, 'Read the file and copy the exact text, whitespace included.');
  if (count > 1 && !all) throw new AuraError('INVALID_INPUT', `The search text occurs ${count} times in ${path}.`, 'Include more surrounding text so it is unique, or set "all": true.');
  // split/join, not String.replace: `$&` and friends in the replacement must stay literal.
  const after = all ? before.split(search).join(replace) : before.replace(search, () => replace);
  if (Buffer.byteLength(after) > FILE_LIMITS.writeBytes) throw new AuraError('INVALID_INPUT', `The edited file would exceed ${FILE_LIMITS.writeBytes} bytes.`);
  return { after, count };
}

/** `edit`, with its I/O done by `fs`. */
export const editTool = (fs: WorkspaceFs) =>
  defineTool({
    name: 'edit',
    description: 'Replace exact text in a file (search/replace) and return a unified diff of the change.',
    risk: 'write',
    source: 'builtin',
    inputSchema: Input,
    preview: (input: z.infer<typeof Input>, ctx) => filePreview(fs, ctx.roots, input.path, (before) => (before === null ? missing(input.path) : applyEdit(before, input).after)),
    run: async (input: z.infer<typeof Input>, ctx) => {
      const { path, all } = input;
      const real = resolveWritable(ctx.roots, path);
      const before = await readTextFile(fs, ctx.roots, real, FILE_LIMITS.writeBytes);
      const { after, count } = applyEdit(before, input);
      await writeTextFile(fs, ctx.roots, real, after);
      return { path, replacements: all ? count : 1, diff: createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 }) };
    },
  });
