import { describe, expect, it } from '@jest/globals';
import { hooksPaths, includedPaths, parseGitConfig } from './git-config';

describe('parseGitConfig', () => {
  it('finds hooks paths and includes in the forms git accepts', () => {
    const text = [
      '# a comment',
      '[core]',
      '\trepositoryformatversion = 0',
      '\tHooksPath = .husky ; trailing comment',
      '[CORE]',
      '  hookspath = "with space/hooks" # comment',
      '[include]',
      '\tpath = ../shared.gitconfig',
      '[includeIf "gitdir:~/work/"]',
      '\tpath = ~/work.gitconfig',
      '[remote "origin"]',
      '\turl = git@example.com:x.git',
      '[core.sub]',
      '\thooksPath = not-core',
      '[core] hooksPath = "quoted \\"q\\" \\\\ end"',
      '[alias]',
      '\tlong = !echo one \\',
      '\t\ttwo',
    ].join('\n');
    const entries = parseGitConfig(text);
    expect(hooksPaths(entries)).toEqual(['.husky', 'with space/hooks', 'quoted "q" \\ end']);
    expect(includedPaths(entries)).toEqual(['../shared.gitconfig', '~/work.gitconfig']);
    // Whitespace inside an unquoted value stays as it is, as in git.
    expect(entries.find((e) => e.section === 'alias')?.value).toBe('!echo one \t\ttwo');
    expect(entries.find((e) => e.section === 'remote')).toMatchObject({ subsection: 'origin', key: 'url' });
  });

  it('treats a key without a value as true and skips what it cannot read', () => {
    expect(parseGitConfig('[core]\n\tbare\n[broken\nnot a line\n= nope')).toEqual([{ section: 'core', subsection: null, key: 'bare', value: 'true' }]);
  });
});
