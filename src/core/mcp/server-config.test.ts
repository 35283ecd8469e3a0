import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McpAddInput } from '../../shared/mcp';
import { configFromInput, programFolder } from './server-config';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'aura-mcp-config-')));
const home = join(base, 'home');
mkdirSync(join(base, 'project', 'node_modules', 'pkg', 'dist'), { recursive: true });
mkdirSync(home);
writeFileSync(join(base, 'project', 'node_modules', 'pkg', 'dist', 'index.js'), '');
writeFileSync(join(base, 'project', 'server.js'), '');
writeFileSync(join(home, 'server.js'), '');

const input = (fields: Record<string, unknown>) => McpAddInput.parse({ name: 'x', ...fields });

describe('a server config from what the user typed', () => {
  it('takes a command with its variables, runs it in the sandbox without network, and lets it read its program', () => {
    const config = configFromInput(input({ command: ['node', join(base, 'project', 'node_modules', 'pkg', 'dist', 'index.js')], env: ['TOKEN=a=b', 'EMPTY='] }), home);
    expect(config).toMatchObject({ name: 'x', enabled: true, timeoutMs: 60_000, transport: { kind: 'stdio', env: { TOKEN: 'a=b', EMPTY: '' }, sandbox: true, network: false, readable: [join(base, 'project', 'node_modules')], writable: [] } });
  });

  it('makes paths typed relative to where the user was absolute (the server runs in its own folder)', () => {
    const config = configFromInput(input({ command: ['node', './server.js', '--flag', 'plain'], cwd: join(base, 'project') }), home);
    expect(config.transport).toMatchObject({ command: ['node', join(base, 'project', 'server.js'), '--flag', 'plain'], readable: [join(base, 'project')] });
  });

  it('never makes the home folder readable for a program in it', () => {
    expect(programFolder(join(home, 'server.js'), home)).toBeNull();
    expect(programFolder('/usr/bin/env', home)).toBeNull();
    expect(programFolder(join(base, 'missing.js'), home)).toBeNull();
  });

  it('takes a URL with headers', () => {
    expect(configFromInput(input({ url: 'https://mcp.example.com/mcp', header: ['Authorization: Bearer t:1'] }), home).transport).toEqual({ kind: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer t:1' } });
  });

  it('refuses what cannot be right, saying how it should be', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /a command after --, or --url/],
      [{ command: ['x'], url: 'https://a' }, /not both/],
      [{ command: ['x'], env: ['NOVALUE'] }, /KEY=VALUE/],
      [{ command: ['x'], env: ['1X=2'] }, /variable name/],
      [{ url: 'https://a', header: ['nocolon'] }, /Name: value/],
      [{ url: 'ftp://a' }, /https/],
      [{ url: 'not a url' }, /not a URL/],
      [{ url: 'https://a', env: ['A=1'] }, /not for a --url/],
      [{ command: ['x'], header: ['A: 1'] }, /--url/],
      [{ command: ['x'], read: ['relative'] }, /absolute/],
      [{ command: ['x'], write: [join(base, 'missing')] }, /not a folder/],
    ];
    for (const [fields, message] of cases) expect(() => configFromInput(input(fields), home)).toThrow(message);
  });
});
