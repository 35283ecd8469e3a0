import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PREVIEW_TEXT_CHARS } from '../../../shared/permissions';
import type { ToolContext, ToolDefinition } from '../tool-definition';
import { hostFs } from '../workspace-fs';
import { editTool } from './edit-tool';
import { capText } from './file-preview';
import { writeTool } from './write-tool';

let base: string;
let root: string;
beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'aura-preview-')));
  root = join(base, 'ws');
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\nexport const b = 2;\n');
  writeFileSync(join(root, 'blob.bin'), Buffer.from([1, 0, 2]));
  symlinkSync(join(base, 'outside'), join(root, 'out-link'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const ctx = (): ToolContext => ({ roots: [root], signal: new AbortController().signal, actor: 'test', taskId: null });
const preview = (tool: ToolDefinition, input: unknown) => {
  if (!tool.preview) throw new Error(`${tool.name} has no preview`);
  return tool.preview(input, ctx());
};

describe('file tool previews', () => {
  it('shows a new file as null before and the content after, touching nothing', async () => {
    expect(await preview(writeTool(hostFs), { path: 'new/dir/file.txt', content: 'hello\n' })).toEqual({ kind: 'file', path: join('new', 'dir', 'file.txt'), before: null, after: 'hello\n', truncated: false });
    expect(() => readFileSync(join(root, 'new', 'dir', 'file.txt'))).toThrow();
  });

  it('shows a replaced file before and after, and an edit exactly as the tool would make it', async () => {
    expect(await preview(writeTool(hostFs), { path: './src/../src/a.ts', content: 'x' })).toMatchObject({ kind: 'file', path: join('src', 'a.ts'), before: 'export const a = 1;\nexport const b = 2;\n', after: 'x' });
    // `$&` stays literal, as in the tool.
    expect(await preview(editTool(hostFs), { path: 'src/a.ts', search: 'b = 2', replace: 'b = "$&"' })).toMatchObject({ before: 'export const a = 1;\nexport const b = 2;\n', after: 'export const a = 1;\nexport const b = "$&";\n' });
    expect(await preview(editTool(hostFs), { path: 'src/a.ts', search: 'export const', replace: 'let', all: true })).toMatchObject({ after: 'let a = 1;\nlet b = 2;\n' });
    expect(readFileSync(join(root, 'src', 'a.ts'), 'utf8')).toBe('export const a = 1;\nexport const b = 2;\n');
  });

  it('gives none where the tool would refuse: outside the workspace, .git, binaries, folders, failing edits', async () => {
    const write = writeTool(hostFs);
    const edit = editTool(hostFs);
    for (const path of ['../outside/secret.txt', 'out-link/secret.txt', '/etc/passwd', '.git/config', 'blob.bin', 'src']) {
      expect({ path, preview: await preview(write, { path, content: 'x' }) }).toEqual({ path, preview: { kind: 'none' } });
    }
    expect(await preview(edit, { path: 'src/a.ts', search: 'export const', replace: 'let' })).toEqual({ kind: 'none' });
    expect(await preview(edit, { path: 'src/a.ts', search: 'absent', replace: 'x' })).toEqual({ kind: 'none' });
    expect(await preview(edit, { path: 'missing.ts', search: 'a', replace: 'b' })).toEqual({ kind: 'none' });
  });

  it('cuts long texts at the preview limit and says so', async () => {
    writeFileSync(join(root, 'long.txt'), 'a'.repeat(PREVIEW_TEXT_CHARS + 10));
    const shown = await preview(writeTool(hostFs), { path: 'long.txt', content: 'short' });
    expect(shown).toMatchObject({ kind: 'file', after: 'short', truncated: true });
    expect(shown.kind === 'file' && shown.before?.length).toBe(PREVIEW_TEXT_CHARS);
    expect(await preview(writeTool(hostFs), { path: 'short.txt', content: 'b'.repeat(PREVIEW_TEXT_CHARS) })).toMatchObject({ truncated: false });
  });

  it('never splits a surrogate pair when cutting', () => {
    expect(capText('ab😀c', 3)).toEqual({ text: 'ab', cut: true });
    expect(capText('ab😀c', 4)).toEqual({ text: 'ab😀', cut: true });
    expect(capText('abc', 3)).toEqual({ text: 'abc', cut: false });
  });
});
