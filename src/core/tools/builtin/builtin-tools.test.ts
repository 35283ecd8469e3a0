import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTempApp } from '../../../../test/support/temp-app';
import type { BuiltinProfileId, PermissionProfileDoc } from '../../../shared/permissions';
import { builtinProfile } from '../../permissions/builtin-profiles';

const app = openTempApp();
let root: string;
let outside: string;

beforeAll(() => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'aura-tools-')));
  root = join(base, 'ws');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.ts'), 'const secret = 1;');
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\nexport const b = 2;\n');
  writeFileSync(join(root, 'src', 'deep', 'c.ts'), 'const c = "$&";\n');
  writeFileSync(join(root, 'node_modules', 'dep', 'index.ts'), 'export const a = 1;');
  writeFileSync(join(root, 'blob.bin'), Buffer.from([1, 0, 2]));
  symlinkSync(outside, join(root, 'out-link'));
});
afterAll(() => app.dispose());

const call = (name: string, input: unknown, profile: BuiltinProfileId = 'yes') =>
  app.runner.call({ name, input, ctx: { roots: [root], signal: new AbortController().signal, actor: 'test', taskId: null }, profile, approve: async () => false });

describe('workspace tools', () => {
  it('writes atomically, creating folders, and leaves no temp files', async () => {
    expect(await call('write', { path: 'new/dir/file.txt', content: 'hello' })).toMatchObject({ ok: true, output: { created: true, bytes: 5 } });
    expect(readFileSync(join(root, 'new', 'dir', 'file.txt'), 'utf8')).toBe('hello');
    expect(readdirSync(join(root, 'new', 'dir'))).toEqual(['file.txt']);
    expect(await call('write', { path: 'new/dir/file.txt', content: 'again' })).toMatchObject({ ok: true, output: { created: false } });
  });

  it('keeps permissions of replaced files, refuses folders as targets and anything inside .git', async () => {
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(root, 'secret.env'), 'A=1\n', { mode: 0o600 });
    expect(await call('write', { path: 'run.sh', content: '#!/bin/sh\necho hi\n' })).toMatchObject({ ok: true });
    expect(await call('edit', { path: 'secret.env', search: 'A=1', replace: 'A=2' })).toMatchObject({ ok: true });
    expect(statSync(join(root, 'run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(root, 'secret.env')).mode & 0o777).toBe(0o600);
    expect(await call('write', { path: '.', content: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('write', { path: 'src', content: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readdirSync(join(root, '..')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    mkdirSync(join(root, '.git', 'hooks'), { recursive: true });
    for (const path of ['.git/config', '.git/hooks/pre-commit', 'sub/../.git/config', 'src/.git/x']) {
      expect({ path, result: await call('write', { path, content: 'x' }) }).toMatchObject({ path, result: { ok: false, error: { code: 'FORBIDDEN' } } });
    }
    expect(await call('read', { path: '.git/config' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('edits by exact search/replace and returns a diff; replacement text stays literal', async () => {
    const result = await call('edit', { path: 'src/deep/c.ts', search: '"$&"', replace: '"$1 and $&"' });
    expect(result).toMatchObject({ ok: true, output: { replacements: 1 } });
    expect(readFileSync(join(root, 'src', 'deep', 'c.ts'), 'utf8')).toBe('const c = "$1 and $&";\n');
    expect((result as { output: { diff: string } }).output.diff).toContain('-const c = "$&";\n+const c = "$1 and $&";');
  });

  it('refuses ambiguous and missing edits with a hint, changing nothing', async () => {
    const before = readFileSync(join(root, 'src', 'a.ts'), 'utf8');
    expect(await call('edit', { path: 'src/a.ts', search: 'export const', replace: 'let' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('occurs 2 times') } });
    expect(await call('edit', { path: 'src/a.ts', search: 'nope', replace: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('not found') } });
    expect(readFileSync(join(root, 'src', 'a.ts'), 'utf8')).toBe(before);
    expect(await call('edit', { path: 'src/a.ts', search: 'export const', replace: 'export let', all: true })).toMatchObject({ ok: true, output: { replacements: 2 } });
  });

  it('reads whole files or line ranges, and refuses binaries and oversized files', async () => {
    writeFileSync(join(root, 'lines.txt'), 'one\ntwo\nthree\nfour');
    expect(await call('read', { path: 'lines.txt', startLine: 2, endLine: 3 })).toMatchObject({ ok: true, output: { content: 'two\nthree', totalLines: 4 } });
    expect(await call('read', { path: 'blob.bin' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('binary') } });
    writeFileSync(join(root, 'big.txt'), 'x'.repeat(300 * 1024));
    expect(await call('read', { path: 'big.txt' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('the limit is') } });
    expect(await call('read', { path: 'missing.txt' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lists, globs and greps inside the workspace only, skipping node_modules and links out', async () => {
    expect(await call('list', { path: 'src' })).toMatchObject({ ok: true, output: { entries: [{ name: 'a.ts', type: 'file' }, { name: 'deep', type: 'dir' }] } });
    const globbed = await call('glob', { pattern: '**/*.ts' });
    expect(globbed).toMatchObject({ ok: true, output: { files: ['src/a.ts', 'src/deep/c.ts'], truncated: false } });
    expect(await call('glob', { pattern: '../**/*.ts' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('glob', { pattern: '*.ts', path: 'out-link' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const grepped = await call('grep', { pattern: '\\ba = 1', glob: '**/*.ts' });
    expect(grepped).toMatchObject({ ok: true, output: { matches: [{ path: 'src/a.ts', line: 1 }] } });
    expect(await call('grep', { pattern: '(' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Invalid regular expression') } });
    expect(await call('grep', { pattern: '(a)\\1' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('backreferences') } });
  });

  it('leaves out of listings and searches the files a path rule refuses or asks about, and says how many', async () => {
    mkdirSync(join(root, 'keys'));
    writeFileSync(join(root, 'keys', 'prod.ts'), 'export const a = 1; // prod key');
    writeFileSync(join(root, 'src', 'secret-config.ts'), 'export const a = 1;');
    const guarded: PermissionProfileDoc = {
      ...builtinProfile('yes'),
      id: 'guarded',
      name: 'Guarded',
      builtin: false,
      paths: [
        { path: 'keys/**', access: 'read', decision: 'deny' },
        { path: '**/*secret*', access: 'any', decision: 'ask' },
      ],
    };
    const run = (name: string, input: unknown) => app.runner.call({ name, input, ctx: { roots: [root], signal: new AbortController().signal, actor: 'test', taskId: null, searchable: () => true }, profile: guarded, approve: async () => false });
    expect(await run('read', { path: 'keys/prod.ts' })).toMatchObject({ ok: false, status: 'denied' });
    expect(await run('grep', { pattern: '\\ba = 1', glob: '**/*.ts' })).toMatchObject({ ok: true, output: { matches: [{ path: 'src/a.ts', line: 1 }], truncated: false, withheld: 2 } });
    expect(await run('glob', { pattern: '**/*.ts' })).toMatchObject({ ok: true, output: { files: ['src/a.ts', 'src/deep/c.ts'], withheld: 2 } });
    expect(await run('list', { path: 'keys' })).toMatchObject({ ok: false, status: 'denied' });
    const listed = await run('list', { path: 'src' });
    expect(listed).toMatchObject({ ok: true, output: { entries: [{ name: 'a.ts' }, { name: 'deep' }], withheld: 1 } });
    expect(await run('list', { path: '.' })).toMatchObject({ ok: true, output: { entries: expect.not.arrayContaining([expect.objectContaining({ name: 'keys' })]) } });
    // Under a profile whose rules leave nothing out, they are all there.
    expect(await call('glob', { pattern: '**/*.ts' })).toMatchObject({ ok: true, output: { files: ['keys/prod.ts', 'src/a.ts', 'src/deep/c.ts', 'src/secret-config.ts'] } });
    rmSync(join(root, 'keys'), { recursive: true });
    rmSync(join(root, 'src', 'secret-config.ts'));
  });

  it('cannot be frozen by a catastrophic pattern', async () => {
    writeFileSync(join(root, 'src', 'aaa.ts'), `${'a'.repeat(1900)}b\n`);
    // With a backtracking engine this match would not end within the lifetime of the test run.
    expect(await call('grep', { pattern: '^(a+)+$' })).toMatchObject({ ok: true, output: { matches: [] } });
    rmSync(join(root, 'src', 'aaa.ts'));
  });
});

describe('tool runner', () => {
  it('validates input, applies the profile, and audits every call without file contents', async () => {
    expect(await call('write', { path: 'x.txt' })).toMatchObject({ ok: false, status: 'failed', error: { code: 'INVALID_INPUT' } });
    expect(await call('write', { path: 'x.txt', content: 'x' }, 'read-only')).toMatchObject({ ok: false, status: 'denied' });
    expect(await call('write', { path: 'x.txt', content: 'x' }, 'ask')).toMatchObject({ ok: false, status: 'denied', error: { message: 'write was not approved.' } });
    expect(await call('read', { path: 'src/a.ts' }, 'read-only')).toMatchObject({ ok: true });
    expect(await call('nope', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const secret = 's3cr3t-'.repeat(100);
    await call('write', { path: 'y.txt', content: secret }, 'auto-edit');
    const entries = app.audit.list({ page: 1, pageSize: 200, action: 'tool.call' }).entries;
    expect(entries.map((e) => e.detail.status)).toEqual(expect.arrayContaining(['failed', 'denied', 'done']));
    expect(JSON.stringify(entries)).not.toContain('s3cr3t-s3cr3t');
    expect(entries[0]).toMatchObject({ actor: 'test', target: 'write', detail: { profile: 'auto-edit', input: { path: 'y.txt', content: expect.stringMatching(/^<700 chars, sha256 [0-9a-f]{12}>$/) } } });
    await call('write', { path: 'z.env', content: 'KEY=sk_live_short' }, 'auto-edit');
    expect(JSON.stringify(app.audit.list({ page: 1, pageSize: 5, action: 'tool.call' }).entries)).not.toContain('sk_live_short');
    expect(app.audit.verify().ok).toBe(true);
  });

  it('asks under ask for writes and runs when approved', async () => {
    const result = await app.runner.call({ name: 'write', input: { path: 'z.txt', content: 'z' }, ctx: { roots: [root], signal: new AbortController().signal, actor: 'test', taskId: null }, profile: 'ask', approve: async () => true });
    expect(result.ok).toBe(true);
    rmSync(join(root, 'z.txt'));
  });
});
