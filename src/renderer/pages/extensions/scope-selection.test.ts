import { describe, expect, it } from '@jest/globals';
import { offeredScopes, toggleScope } from './scope-selection';

describe('choosing scopes', () => {
  it('keeps the contract’s order whatever order they are ticked in', () => {
    let chosen = toggleScope([], 'pages:send', true);
    chosen = toggleScope(chosen, 'tasks:read', true);
    expect(chosen).toEqual(['tasks:read', 'pages:send']);
  });

  it('unticks, and ticking twice keeps one', () => {
    expect(toggleScope(['tasks:read', 'approvals'], 'tasks:read', false)).toEqual(['approvals']);
    expect(toggleScope(['approvals'], 'approvals', true)).toEqual(['approvals']);
  });

  it('offers an approval only what the client asked for, so approving can narrow but never widen', () => {
    expect(offeredScopes(['pages:send', 'tasks:read'])).toEqual(['tasks:read', 'pages:send']);
    expect(offeredScopes([])).toEqual([]);
  });
});
