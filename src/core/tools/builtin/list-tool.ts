import { join } from 'node:path';
import { z } from 'zod';
import { AuraError } from '../../../shared/errors';
import { defineTool } from '../tool-definition';
import { displayPath, resolveInside } from '../path-guard';
import type { WorkspaceFs } from '../workspace-fs';
import { FILE_LIMITS } from './limits';

const Input = z.object({ path: z.string().min(1).default('.').describe('Folder, relative to the workspace') }).strict();

/** `list`, with its I/O done by `fs`. */
export const listTool = (fs: WorkspaceFs) =>
  defineTool({
    name: 'list',
    description: 'List the files and folders in a workspace folder.',
    risk: 'read',
    source: 'builtin',
    inputSchema: Input,
    run: async ({ path }: z.infer<typeof Input>, ctx) => {
      const real = resolveInside(ctx.roots, path);
      const listed = await fs.list(ctx.roots, real);
      if ('errno' in listed) {
        if (listed.errno === 'ENOTDIR') throw new AuraError('INVALID_INPUT', `${path} is a file, not a folder.`, 'Use read to see a file.');
        if (listed.errno === 'ENOENT') throw new AuraError('NOT_FOUND', `The folder ${path} does not exist.`, 'List its parent folder to see what is there.');
        throw new AuraError('IO_ERROR', `The folder ${path} could not be read (${listed.errno}).`, 'Check its permissions.');
      }
      const shown = ctx.searchable ? listed.entries.filter((e) => ctx.searchable?.(join(real, e.name))) : listed.entries;
      const withheld = listed.entries.length - shown.length;
      const sorted = shown.sort((a, b) => a.name.localeCompare(b.name));
      const entries = sorted.slice(0, FILE_LIMITS.listEntries).map((e) => (e.type === 'file' ? { name: e.name, type: e.type, size: e.size ?? 0 } : { name: e.name, type: e.type }));
      return { path: displayPath(ctx.roots, real), entries, truncated: sorted.length > entries.length, ...(withheld ? { withheld } : {}) };
    },
  });
