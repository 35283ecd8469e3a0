import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AuraError } from '../../../shared/errors';
import { defineTool } from '../tool-definition';
import { displayPath, resolveInside } from '../path-guard';
import { FILE_LIMITS } from './limits';

const Input = z.object({ path: z.string().min(1).default('.').describe('Folder, relative to the workspace') }).strict();

export const listTool = defineTool({
  name: 'list',
  description: 'List the files and folders in a workspace folder.',
  risk: 'read',
  source: 'builtin',
  inputSchema: Input,
  run: async ({ path }: z.infer<typeof Input>, ctx) => {
    const real = resolveInside(ctx.roots, path);
    let dirents;
    try {
      dirents = readdirSync(real, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new AuraError('INVALID_INPUT', `${path} is a file, not a folder.`, 'Use read to see a file.');
      if (code === 'ENOENT') throw new AuraError('NOT_FOUND', `The folder ${path} does not exist.`, 'List its parent folder to see what is there.');
      throw new AuraError('IO_ERROR', `The folder ${path} could not be read (${code ?? 'error'}).`, 'Check its permissions.');
    }
    const sorted = dirents.sort((a, b) => a.name.localeCompare(b.name));
    const entries = sorted.slice(0, FILE_LIMITS.listEntries).map((d) => {
      const type = d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'link' : d.isFile() ? 'file' : 'other';
      return type === 'file' ? { name: d.name, type, size: statSync(join(real, d.name), { throwIfNoEntry: false })?.size ?? 0 } : { name: d.name, type };
    });
    return { path: displayPath(ctx.roots, real), entries, truncated: sorted.length > entries.length };
  },
});
