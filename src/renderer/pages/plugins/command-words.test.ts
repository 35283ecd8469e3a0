import { describe, expect, it } from '@jest/globals';
import { commandWords, lines } from './command-words';

describe('commandWords', () => {
  it('splits on spaces and keeps quoted spaces and escapes', () => {
    expect(commandWords('npx -y @modelcontextprotocol/server-filesystem "/home/me/My Files"')).toEqual(['npx', '-y', '@modelcontextprotocol/server-filesystem', '/home/me/My Files']);
    expect(commandWords(`node 'a b.js' c\\ d "say \\"hi\\"" ''`)).toEqual(['node', 'a b.js', 'c d', 'say "hi"', '']);
    expect(commandWords('  uvx   mcp-server-git  ')).toEqual(['uvx', 'mcp-server-git']);
  });

  it('expands nothing, and refuses a quote left open', () => {
    expect(commandWords('echo $HOME *')).toEqual(['echo', '$HOME', '*']);
    expect(commandWords('node "unfinished')).toBeNull();
  });

  it('reads the lines of a text box', () => {
    expect(lines(' A=1 \n\n B=2\n')).toEqual(['A=1', 'B=2']);
  });
});
