import { isPageBuilt, isSettingsTabBuilt, PAGE_IDS, SETTINGS_TAB_IDS, type PageId, type SettingsTabId } from './pages';

/** The pages that can be shown; anything else in the hash falls back to the dashboard. */
export type Route =
  | { page: 'dashboard' }
  | { page: 'tasks'; taskId: string | null }
  | { page: 'terminal' }
  | { page: 'providers' }
  | { page: 'audit-log' }
  | { page: 'browser' }
  | { page: 'computer-use' }
  | { page: 'extensions' }
  | { page: 'plugins' }
  | { page: 'settings'; tab: SettingsTabId };

export const DEFAULT_ROUTE: Route = { page: 'dashboard' };

const isPageId = (value: string): value is PageId => value === 'settings' || (PAGE_IDS as readonly string[]).includes(value);
const isTabId = (value: string): value is SettingsTabId => (SETTINGS_TAB_IDS as readonly string[]).includes(value);
// Task ids are UUIDs (the contract checks the same); anything else in that slot shows the list.
const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads `#/audit-log`, `#/tasks/<id>`, `#/settings/diagnostics` …; unknown or unbuilt targets fall back. */
export function parseRoute(hash: string): Route {
  const [page = '', sub = ''] = hash.replace(/^#\/?/, '').split(/[/?]/);
  if (!isPageId(page) || !isPageBuilt(page)) return DEFAULT_ROUTE;
  if (page === 'settings') return { page, tab: isTabId(sub) && isSettingsTabBuilt(sub) ? sub : 'general' };
  if (page === 'tasks') return { page, taskId: TASK_ID.test(sub) ? sub.toLowerCase() : null };
  if (page === 'audit-log' || page === 'providers' || page === 'terminal' || page === 'extensions') return { page };
  if (page === 'browser') return { page };
  if (page === 'computer-use') return { page };
  if (page === 'plugins') return { page };
  return DEFAULT_ROUTE;
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'settings':
      return `#/settings/${route.tab}`;
    case 'tasks':
      return taskHref(route.taskId);
    default:
      return `#/${route.page}`;
  }
}

export const pageHref = (id: PageId): string => (id === 'settings' ? '#/settings/general' : `#/${id}`);
export const settingsTabHref = (tab: SettingsTabId): string => `#/settings/${tab}`;
/** `#/tasks/<id>` for one task, `#/tasks` for the list alone. */
export const taskHref = (taskId: string | null): string => (taskId ? `#/tasks/${taskId}` : '#/tasks');

/** Shows a task's page, e.g. the one a goal just created. */
export const openTask = (task: { id: string }): void => {
  window.location.hash = taskHref(task.id);
};
