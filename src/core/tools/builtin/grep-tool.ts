import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { defineTool } from '../tool-definition';
import { isInside, resolveInside } from '../path-guard';
import { FILE_LIMITS } from './limits';
import { compileLinear } from './linear-regex';
import { findFiles } from './workspace-files';

const Input = z
  .object({
    pattern: z.string().min(1).max(500).describe('Regular expression (JavaScript syntax)'),
    path: z.string().min(1).default('.').describe('Folder to search in, relative to the workspace'),
    glob: z.string().min(1).max(500).default('**/*').describe('Only files matching this glob'),
    ignoreCase: z.boolean().default(false),
  })
  .strict();

export const grepTool = defineTool({
  name: 'grep',
  description: 'Search the text files of the workspace for lines matching a regular expression.',
  risk: 'read',
  source: 'builtin',
  inputSchema: Input,
  run: async ({ pattern, path, glob, ignoreCase }: z.infer<typeof Input>, ctx) => {
    const regex = compileLinear(pattern, ignoreCase);
    const base = resolveInside(ctx.roots, path);
    const root = ctx.roots.find((r) => isInside(r, base)) ?? base;
    const { files } = await findFiles(root, base, glob, 50_000);
    const matches: { path: string; line: number; text: string }[] = [];
    for (const file of files) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const full = join(root, file);
      // Asynchronous reads: a search over thousands of files must not hold up the window meanwhile.
      const size = await stat(full).then((s) => s.size, () => Infinity);
      if (size > FILE_LIMITS.grepFileBytes) continue;
      const buffer = await readFile(full).catch(() => null);
      if (!buffer) continue;
      if (buffer.includes(0)) continue;
      const lines = buffer.toString('utf8').split('\n');
      for (const [i, line] of lines.entries()) {
        // Long lines are cut before matching: a model-written regex must not stall on a minified file.
        const text = line.slice(0, FILE_LIMITS.grepLineChars);
        if (!regex.test(text)) continue;
        matches.push({ path: file, line: i + 1, text: text.slice(0, 300) });
        if (matches.length >= FILE_LIMITS.grepMatches) return { matches, truncated: true };
      }
    }
    return { matches, truncated: false };
  },
});
