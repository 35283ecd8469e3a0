import { describe, expect, it } from '@jest/globals';
import { hrefFor, parseRoute, taskHref } from './route';

const TASK_ID = '0f8b3c2a-5d1e-4c7b-9a2f-3e4d5c6b7a81';

describe('parseRoute', () => {
  it('reads the built pages and settings tabs', () => {
    expect(parseRoute('#/dashboard')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/audit-log')).toEqual({ page: 'audit-log' });
    expect(parseRoute('#/providers')).toEqual({ page: 'providers' });
    expect(parseRoute('#/terminal')).toEqual({ page: 'terminal' });
    expect(parseRoute('#/browser')).toEqual({ page: 'browser' });
    expect(parseRoute('#/settings/diagnostics')).toEqual({ page: 'settings', tab: 'diagnostics' });
    expect(parseRoute('#/settings/vm')).toEqual({ page: 'settings', tab: 'vm' });
    expect(parseRoute('#/settings/readiness')).toEqual({ page: 'settings', tab: 'readiness' });
    expect(parseRoute('#/settings/approvals')).toEqual({ page: 'settings', tab: 'approvals' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings', tab: 'general' });
  });

  it('reads the task list and one task', () => {
    expect(parseRoute('#/tasks')).toEqual({ page: 'tasks', taskId: null });
    expect(parseRoute(`#/tasks/${TASK_ID}`)).toEqual({ page: 'tasks', taskId: TASK_ID });
    expect(parseRoute(`#/tasks/${TASK_ID.toUpperCase()}`)).toEqual({ page: 'tasks', taskId: TASK_ID });
  });

  it('shows the list for a task id that is not a UUID', () => {
    for (const hash of ['#/tasks/', '#/tasks/42', '#/tasks/..%2F', `#/tasks/${TASK_ID}x`, '#/tasks/<script>']) expect(parseRoute(hash)).toEqual({ page: 'tasks', taskId: null });
  });

  it('falls back for empty, unknown and not-yet-built targets', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/files', '#/git/x']) expect(parseRoute(hash)).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/settings/cloud')).toEqual({ page: 'settings', tab: 'general' });
  });

  it('round-trips through hrefFor', () => {
    for (const hash of ['#/dashboard', '#/tasks', `#/tasks/${TASK_ID}`, '#/terminal', '#/providers', '#/audit-log', '#/settings/general', '#/settings/vm', '#/settings/readiness', '#/settings/diagnostics', '#/settings/approvals']) {
      expect(hrefFor(parseRoute(hash))).toBe(hash);
    }
  });

  it('links to a task or to the list', () => {
    expect(taskHref(TASK_ID)).toBe(`#/tasks/${TASK_ID}`);
    expect(taskHref(null)).toBe('#/tasks');
  });
});
