import { isPageBuilt, isSettingsTabBuilt, PAGE_IDS, SETTINGS_TAB_IDS, type PageId, type SettingsTabId } from './pages';

/** The pages that can be shown; anything else in the hash falls back to the dashboard. */
export type Route = { page: 'dashboard' } | { page: 'audit-log' } | { page: 'settings'; tab: SettingsTabId };

export const DEFAULT_ROUTE: Route = { page: 'dashboard' };

const isPageId = (value: string): value is PageId => value === 'settings' || (PAGE_IDS as readonly string[]).includes(value);
const isTabId = (value: string): value is SettingsTabId => (SETTINGS_TAB_IDS as readonly string[]).includes(value);

/** Reads `#/audit-log`, `#/settings/diagnostics` …; unknown or unbuilt targets fall back. */
export function parseRoute(hash: string): Route {
  const [page = '', tab = ''] = hash.replace(/^#\/?/, '').split(/[/?]/);
  if (!isPageId(page) || !isPageBuilt(page)) return DEFAULT_ROUTE;
  if (page === 'settings') return { page, tab: isTabId(tab) && isSettingsTabBuilt(tab) ? tab : 'general' };
  if (page === 'audit-log') return { page };
  return DEFAULT_ROUTE;
}

export function hrefFor(route: Route): string {
  return route.page === 'settings' ? `#/settings/${route.tab}` : `#/${route.page}`;
}

export const pageHref = (id: PageId): string => (id === 'settings' ? '#/settings/general' : `#/${id}`);
export const settingsTabHref = (tab: SettingsTabId): string => `#/settings/${tab}`;
