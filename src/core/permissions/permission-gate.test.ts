import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decision, PathRule, PermissionProfileDoc, ToolRule } from '../../shared/permissions';
import type { ToolRisk } from '../../shared/tools';
import { builtinProfile } from './builtin-profiles';
import { decide, isWithheld, searchFilter, workspaceRelative, type GatedTool } from './permission-gate';

const ROOT = '/home/u/ws';
const custom = (risks: Partial<PermissionProfileDoc['risks']>, tools: ToolRule[] = [], paths: PathRule[] = []): PermissionProfileDoc => ({
  id: 'custom',
  name: 'Custom',
  builtin: false,
  risks: { read: 'allow', write: 'ask', execute: 'ask', network: 'ask', ...risks },
  tools,
  paths,
});

/** A tool as the registry has it; file tools say which path their input touches. */
const tool = (name: string, risk: ToolRisk, access?: 'read' | 'write'): GatedTool => ({
  name,
  risk,
  ...(access ? { paths: (input: never) => [{ path: (input as { path: string }).path, access }] } : {}),
});
const read = tool('read', 'read', 'read');
const write = tool('write', 'write', 'write');
const edit = tool('edit', 'write', 'write');
const shell = tool('shell', 'execute');
const navigate = tool('browser_navigate', 'network');
const click = tool('browser_click', 'network');
const computerClick = tool('computer_click', 'execute');
const screenshot = tool('computer_screenshot', 'read');
const mcpRead = tool('mcp__files__read_file', 'read');
const mcpDelete = tool('mcp__files__delete_file', 'write');
const mcpOther = tool('mcp__github__create_issue', 'network');

const rules = custom(
  { write: 'allow', network: 'deny' },
  [
    { tool: 'mcp__*', decision: 'ask' },
    { tool: 'mcp__files__*', decision: 'allow' },
    { tool: 'mcp__files__delete_file', decision: 'deny' },
    { tool: 'browser_*', decision: 'allow' },
    { tool: 'browser_navigate', decision: 'ask' },
    { tool: 'computer_*', decision: 'deny' },
    { tool: 'shell', decision: 'allow' },
  ],
);
const tie = custom({}, [
  { tool: 'write', decision: 'allow' },
  { tool: 'write', decision: 'deny' },
  { tool: 'browser_*', decision: 'allow' },
  { tool: 'browser_*', decision: 'ask' },
  { tool: '*', decision: 'deny' },
]);
const paths = custom({ write: 'allow' }, [], [
  { path: '**/.env', access: 'any', decision: 'deny' },
  { path: 'src/**', access: 'write', decision: 'ask' },
  { path: 'src/generated/**', access: 'write', decision: 'allow' },
  { path: 'docs', access: 'write', decision: 'allow' },
  { path: '*.md', access: 'read', decision: 'ask' },
]);
const scratchOnly = custom({ write: 'deny' }, [{ tool: 'write', decision: 'deny' }], [{ path: 'scratch/**', access: 'write', decision: 'allow' }]);

const cases: [string, PermissionProfileDoc, GatedTool, unknown, Decision][] = [
  // The built-in profiles: their risk defaults, and nothing else.
  ['read-only reads', builtinProfile('read-only'), read, { path: 'a.ts' }, 'allow'],
  ['read-only refuses writes', builtinProfile('read-only'), write, { path: 'a.ts' }, 'deny'],
  ['read-only refuses the shell', builtinProfile('read-only'), shell, {}, 'deny'],
  ['read-only refuses computer actions', builtinProfile('read-only'), computerClick, {}, 'deny'],
  ['read-only allows a screenshot (read)', builtinProfile('read-only'), screenshot, {}, 'allow'],
  ['ask asks for writes', builtinProfile('ask'), write, { path: 'a.ts' }, 'ask'],
  ['ask asks for the shell', builtinProfile('ask'), shell, {}, 'ask'],
  ['ask asks for MCP network tools', builtinProfile('ask'), mcpOther, {}, 'ask'],
  ['ask allows MCP read tools', builtinProfile('ask'), mcpRead, {}, 'allow'],
  ['auto-edit writes', builtinProfile('auto-edit'), edit, { path: 'a.ts' }, 'allow'],
  ['auto-edit asks for the browser', builtinProfile('auto-edit'), navigate, {}, 'ask'],
  ['yes allows the shell', builtinProfile('yes'), shell, {}, 'allow'],
  // Tool rules: exact beats prefix, longer prefix beats shorter, the risk default last.
  ['a longer MCP prefix beats a shorter one', rules, mcpRead, {}, 'allow'],
  ['an exact MCP name beats its prefix', rules, mcpDelete, {}, 'deny'],
  ['another MCP server falls to mcp__*', rules, mcpOther, {}, 'ask'],
  ['browser_* allows a click', rules, click, {}, 'allow'],
  ['the exact browser_navigate beats browser_*', rules, navigate, {}, 'ask'],
  ['computer_* denies computer use', rules, computerClick, {}, 'deny'],
  ['computer_* covers read-risk computer tools too', rules, screenshot, {}, 'deny'],
  ['an exact shell rule beats the execute default', rules, shell, {}, 'allow'],
  ['no rule: the risk default', rules, write, { path: 'a.ts' }, 'allow'],
  ['equally specific exact rules: deny wins', tie, write, { path: 'a.ts' }, 'deny'],
  ['equally specific prefixes: ask wins over allow', tie, click, {}, 'ask'],
  ['* matches what nothing more specific does', tie, shell, {}, 'deny'],
  // Path rules, relative to the workspace, before tool rules.
  ['a deny on **/.env covers the root .env', paths, read, { path: '.env' }, 'deny'],
  ['and a nested one', paths, read, { path: 'config/.env' }, 'deny'],
  ['and one written to', paths, write, { path: 'src/.env' }, 'deny'],
  ['./ and duplicate slashes are the same file', paths, read, { path: './config//.env' }, 'deny'],
  ['an absolute path inside the workspace', paths, write, { path: `${ROOT}/src/a.ts` }, 'ask'],
  ['src/** asks for writes', paths, write, { path: 'src/a.ts' }, 'ask'],
  ['the strictest matching path rule applies', paths, write, { path: 'src/generated/x.ts' }, 'ask'],
  ['a write rule does not govern reads', paths, read, { path: 'src/a.ts' }, 'allow'],
  ['a folder name covers what is inside it', paths, write, { path: 'docs/guide/a.txt' }, 'allow'],
  ['*.md stays at the top level', paths, read, { path: 'README.md' }, 'ask'],
  ['*.md does not reach into folders', paths, read, { path: 'notes/a.md' }, 'allow'],
  ['outside the workspace: no path rule applies', paths, write, { path: '../elsewhere/src/a.ts' }, 'allow'],
  ['a tool without paths is decided by tool rules', paths, shell, {}, 'ask'],
  ['a path rule allows what the tool rule denies', scratchOnly, write, { path: 'scratch/notes.txt' }, 'allow'],
  ['elsewhere the tool rule denies', scratchOnly, write, { path: 'src/a.ts' }, 'deny'],
];

describe('the permission gate', () => {
  it.each(cases)('%s', (_label, profile, gated, input, expected) => {
    const verdict = decide(profile, gated, input, [ROOT]);
    expect(verdict.decision).toBe(expected);
    expect(verdict.reason).toContain(profile.name);
  });

  it('says which rule decided', () => {
    expect(decide(paths, write, { path: 'src/a.ts' }, [ROOT]).reason).toContain('"src/**"');
    expect(decide(rules, mcpDelete, {}, [ROOT]).reason).toContain('mcp__files__delete_file');
    expect(decide(builtinProfile('ask'), shell, {}, [ROOT]).reason).toContain('execute');
  });

  it('withholds from the model only tools the profile denies outright', () => {
    expect(isWithheld(builtinProfile('read-only'), write)).toBe(true);
    expect(isWithheld(builtinProfile('read-only'), read)).toBe(false);
    expect(isWithheld(rules, computerClick)).toBe(true);
    expect(isWithheld(rules, mcpDelete)).toBe(true);
    expect(isWithheld(builtinProfile('ask'), shell)).toBe(false);
    // A path rule may still allow some of its calls.
    expect(isWithheld(scratchOnly, write)).toBe(false);
  });

  it('a tool whose paths() throws keeps the tool-level decision', () => {
    const broken: GatedTool = { name: 'write', risk: 'write', paths: () => { throw new Error('no'); } };
    expect(decide(paths, broken, { path: '.env' }, [ROOT]).decision).toBe('allow');
    expect(decide(builtinProfile('ask'), broken, { path: 'a' }, [ROOT]).decision).toBe('ask');
  });
});

describe('workspace-relative paths', () => {
  it.each([
    ['src/a.ts', 'src/a.ts'],
    ['./src/../src/a.ts', 'src/a.ts'],
    ['.', ''],
    [`${ROOT}/x/y`, 'x/y'],
    [`${ROOT}`, ''],
    ['../x', null],
    ['/etc/passwd', null],
    [`${ROOT}-evil/x`, null],
  ])('%s → %s', (given, expected) => {
    expect(workspaceRelative(given, [ROOT])).toBe(expected);
  });
});

describe('path rules and links', () => {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'aura-gate-links-')));
  mkdirSync(join(workspace, 'docs'));
  mkdirSync(join(workspace, 'src'));
  writeFileSync(join(workspace, '.env'), 'KEY=1');
  writeFileSync(join(workspace, 'src', 'main.ts'), '');
  symlinkSync(join(workspace, '.env'), join(workspace, 'notes.txt'));
  symlinkSync(join(workspace, 'src'), join(workspace, 'docs', 'code'));
  const guarded = custom({ write: 'ask' }, [], [
    { path: '**/.env', access: 'any', decision: 'deny' },
    { path: 'docs/**', access: 'write', decision: 'allow' },
  ]);

  it('judges a link by where it leads too: a deny rule on the target holds', () => {
    expect(decide(guarded, read, { path: 'notes.txt' }, [workspace]).decision).toBe('deny');
    expect(decide(guarded, write, { path: join(workspace, 'notes.txt') }, [workspace]).decision).toBe('deny');
  });

  it('does not let an allow rule on the written name carry a write through a link to elsewhere', () => {
    expect(decide(guarded, write, { path: 'docs/readme.md' }, [workspace]).decision).toBe('allow');
    // docs/code → src: the target's verdict (the default: ask) stands beside the name's allow.
    expect(decide(guarded, write, { path: 'docs/code/main.ts' }, [workspace]).decision).toBe('ask');
    expect(decide(guarded, write, { path: 'docs/code/new-file.ts' }, [workspace]).decision).toBe('ask');
  });

  it('leaves out of a listing or search the files a read rule refuses or asks about, by name or by link', () => {
    const shown = searchFilter(custom({}, [], [...guarded.paths, { path: 'private/**', access: 'read', decision: 'ask' }]), [workspace]);
    expect(shown).not.toBeNull();
    expect([join(workspace, '.env'), join(workspace, 'notes.txt'), join(workspace, 'private', 'plan.md'), join(workspace, 'src', 'main.ts'), join(workspace, 'docs', 'readme.md')].filter((path) => shown?.(path))).toEqual([
      join(workspace, 'src', 'main.ts'),
      join(workspace, 'docs', 'readme.md'),
    ]);
    // Rules that only allow, or only govern writes, leave nothing out: no filter at all.
    expect(searchFilter(custom({}, [], [{ path: 'docs/**', access: 'write', decision: 'deny' }, { path: 'src/**', access: 'read', decision: 'allow' }]), [workspace])).toBeNull();
  });
});
