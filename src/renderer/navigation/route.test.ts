import { describe, expect, it } from '@jest/globals';
import { hrefFor, parseRoute } from './route';

describe('parseRoute', () => {
  it('reads the built pages and settings tabs', () => {
    expect(parseRoute('#/dashboard')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/audit-log')).toEqual({ page: 'audit-log' });
    expect(parseRoute('#/settings/diagnostics')).toEqual({ page: 'settings', tab: 'diagnostics' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings', tab: 'general' });
  });

  it('falls back for empty, unknown and not-yet-built targets', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/tasks', '#/git/x']) expect(parseRoute(hash)).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/settings/vault')).toEqual({ page: 'settings', tab: 'general' });
  });

  it('round-trips through hrefFor', () => {
    for (const hash of ['#/dashboard', '#/audit-log', '#/settings/general', '#/settings/diagnostics']) expect(hrefFor(parseRoute(hash))).toBe(hash);
  });
});
