import { describe, expect, it } from '@jest/globals';
import { parseServersFile } from './mcp-import';

describe('importing the mcpServers JSON of other clients', () => {
  it('reads Claude Desktop and Cursor files: commands with args and env, and URLs with headers', () => {
    const file = JSON.stringify({
      mcpServers: {
        memory: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-memory'], env: { MEMORY_FILE_PATH: '/tmp/m.json' } },
        remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer abc' } },
        old: { command: 'x', disabled: true },
      },
    });
    expect(parseServersFile(file, '/home/u')).toEqual([
      { name: 'memory', input: expect.objectContaining({ name: 'memory', command: ['npx', '-y', '@modelcontextprotocol/server-memory'], env: ['MEMORY_FILE_PATH=/tmp/m.json'], cwd: '/home/u', sandbox: 'on' }) },
      { name: 'remote', input: expect.objectContaining({ url: 'https://mcp.example.com/mcp', header: ['Authorization: Bearer abc'] }) },
      { name: 'old', reason: 'it is disabled in the file' },
    ]);
  });

  it('reads VS Code files (servers, with types)', () => {
    const file = JSON.stringify({ servers: { a: { type: 'stdio', command: 'node', args: ['s.js'] }, b: { type: 'sse', url: 'http://127.0.0.1:1/sse' }, c: { type: 'websocket', url: 'ws://x' } } });
    const parsed = parseServersFile(file, undefined);
    expect(parsed[0]).toMatchObject({ name: 'a', input: { command: ['node', 's.js'] } });
    expect(parsed[1]).toMatchObject({ name: 'b', input: { url: 'http://127.0.0.1:1/sse' } });
    expect(parsed[2]).toMatchObject({ name: 'c', reason: expect.stringContaining('websocket') });
  });

  it('says what is wrong with an entry, and refuses a file that is not one', () => {
    const parsed = parseServersFile(JSON.stringify({ mcpServers: { a: 'x', b: {}, c: { command: 'x', args: [1] }, d: { command: 'x', env: { A: 1 } }, e: { type: 'http' } } }), undefined);
    expect(parsed.map((item) => ('reason' in item ? item.reason : null))).toEqual(['its entry is not an object', 'it has no "command"', '"args" is not a list of strings', '"env" is not an object of strings', 'it has no "url"']);
    expect(() => parseServersFile('{', undefined)).toThrow(/not JSON/);
    expect(() => parseServersFile('{"other": {}}', undefined)).toThrow(/mcpServers/);
  });
});
