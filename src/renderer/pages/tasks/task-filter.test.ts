import { describe, expect, it } from '@jest/globals';
import { task } from './task-fixtures';
import { matchesTaskFilter } from './task-filter';

describe('matchesTaskFilter', () => {
  it('matches on status and on a case-insensitive part of the goal', () => {
    const running = task({ status: 'running', goal: 'Fix the README typo' });
    expect(matchesTaskFilter(running, {})).toBe(true);
    expect(matchesTaskFilter(running, { status: 'running', query: 'readme' })).toBe(true);
    expect(matchesTaskFilter(running, { status: 'done' })).toBe(false);
    expect(matchesTaskFilter(running, { query: 'license' })).toBe(false);
    expect(matchesTaskFilter(running, { query: '' })).toBe(true);
  });
});
