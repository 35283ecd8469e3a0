import { join } from 'node:path';
import { z } from 'zod';
import { defineTool } from '../tool-definition';
import { isInside, resolveInside } from '../path-guard';
import type { WorkspaceFs } from '../workspace-fs';
import { FILE_LIMITS } from './limits';
import { compileLinear } from './linear-regex';
import { findFiles, searchableFiles } from './workspace-files';

const Input = z
  .object({
    pattern: z.string().min(1).max(500).describe('Regular expression (JavaScript syntax)'),
    path: z.string().min(1).default('.').describe('Folder to search in, relative to the workspace'),
    glob: z.string().min(1).max(500).default('**/*').describe('Only files matching this glob'),
    ignoreCase: z.boolean().default(false),
  })
  .strict();

/** Files read per request to `fs`: few enough to stop soon after the match limit, many enough to be quick. */
const BATCH = 64;

/** `grep`, with its reads done by `fs`. */
export const grepTool = (fs: WorkspaceFs) =>
  defineTool({
    name: 'grep',
    description: 'Search the text files of the workspace for lines matching a regular expression.',
    risk: 'read',
    source: 'builtin',
    inputSchema: Input,
    run: async ({ pattern, path, glob, ignoreCase }: z.infer<typeof Input>, ctx) => {
      const regex = compileLinear(pattern, ignoreCase);
      const base = resolveInside(ctx.roots, path);
      const root = ctx.roots.find((r) => isInside(r, base)) ?? base;
      const { files, withheld } = searchableFiles(await findFiles(root, base, glob, 50_000), root, ctx);
      const done = (truncated: boolean) => ({ matches, truncated, ...(withheld ? { withheld } : {}) });
      const matches: { path: string; line: number; text: string }[] = [];
      for (let start = 0; start < files.length; start += BATCH) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const batch = files.slice(start, start + BATCH);
        const texts = await fs.readMany(ctx.roots, batch.map((file) => join(root, file)), FILE_LIMITS.grepFileBytes, ctx.signal);
        for (const [index, text] of texts.entries()) {
          if (text === null) continue;
          for (const [i, line] of text.split('\n').entries()) {
            // Long lines are cut before matching: a model-written regex must not stall on a minified file.
            const cut = line.slice(0, FILE_LIMITS.grepLineChars);
            if (!regex.test(cut)) continue;
            matches.push({ path: batch[index] as string, line: i + 1, text: cut.slice(0, 300) });
            if (matches.length >= FILE_LIMITS.grepMatches) return done(true);
          }
        }
      }
      return done(false);
    },
  });
