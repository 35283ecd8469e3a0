import { describe, expect, it } from '@jest/globals';
import type { PermissionProfileDoc } from '../../../../shared/permissions';
import { draftErrors, draftOf, replaceAt, uniqueName } from './profile-draft';

const profile: PermissionProfileDoc = { id: 'mine', name: 'Mine', builtin: false, risks: { read: 'allow', write: 'ask', execute: 'ask', network: 'deny' }, tools: [{ tool: 'write', decision: 'allow' }], paths: [{ path: 'src/**', access: 'write', decision: 'allow' }] };

describe('profile drafts', () => {
  it('takes a copy of the editable part, so editing it leaves the profile alone', () => {
    const draft = draftOf(profile);
    expect(draft).toEqual({ name: 'Mine', risks: profile.risks, tools: profile.tools, paths: profile.paths });
    draft.tools[0]!.decision = 'deny';
    draft.risks.read = 'deny';
    expect(profile.tools[0]!.decision).toBe('allow');
    expect(profile.risks.read).toBe('allow');
  });

  it('reports the shared schema\'s errors by field', () => {
    expect(draftErrors(draftOf(profile))).toEqual({});
    const bad = { ...draftOf(profile), name: '  ', tools: [{ tool: 'write', decision: 'allow' as const }, { tool: 'bad name!', decision: 'ask' as const }, { tool: 'browser_*', decision: 'deny' as const }], paths: [{ path: '../outside/**', access: 'any' as const, decision: 'deny' as const }] };
    expect(draftErrors(bad)).toEqual({ name: 'name', 'tools.1.tool': 'tool', 'paths.0.path': 'path' });
    expect(draftErrors({ ...draftOf(profile), tools: Array.from({ length: 201 }, () => ({ tool: 'read', decision: 'allow' as const })) })).toEqual({ tools: 'tooMany' });
    expect(draftErrors({ ...draftOf(profile), paths: [{ path: '', access: 'read', decision: 'ask' }] })).toEqual({ 'paths.0.path': 'path' });
  });

  it('finds a free name, whatever the case', () => {
    expect(uniqueName('Ask (copy)', ['Ask'])).toBe('Ask (copy)');
    expect(uniqueName('Ask (copy)', ['ask (COPY)', 'Ask (copy) 2'])).toBe('Ask (copy) 3');
  });

  it('replaces or removes one rule', () => {
    expect(replaceAt(['a', 'b', 'c'], 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(replaceAt(['a', 'b', 'c'], 1, null)).toEqual(['a', 'c']);
  });
});
