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

  it('keeps only tasks that have not stopped when asked for active ones', () => {
    expect(matchesTaskFilter(task({ status: 'waiting_approval' }), { active: true })).toBe(true);
    expect(matchesTaskFilter(task({ status: 'reviewing' }), { active: true })).toBe(true);
    expect(matchesTaskFilter(task({ status: 'done' }), { active: true })).toBe(false);
    expect(matchesTaskFilter(task({ status: 'interrupted' }), { active: true })).toBe(false);
  });
});
