/** The sidebar, in order. Only the pages listed in BUILT_PAGES have content yet. */
export const PAGE_IDS = [
  'dashboard',
  'tasks',
  'files',
  'git',
  'terminal',
  'providers',
  'plugins',
  'browser',
  'computer-use',
  'scheduled-tasks',
  'memory',
  'audit-log',
  'cloud',
  'extensions',
] as const;
export type PageId = (typeof PAGE_IDS)[number] | 'settings';

export const SETTINGS_TAB_IDS = [
  'general',
  'vault',
  'vm',
  'cloud',
  'extension',
  'pet',
  'readiness',
  'diagnostics',
  'local-model',
  'approvals',
] as const;
export type SettingsTabId = (typeof SETTINGS_TAB_IDS)[number];

const BUILT_PAGES: ReadonlySet<PageId> = new Set<PageId>(['dashboard', 'tasks', 'terminal', 'providers', 'audit-log', 'extensions', 'computer-use', 'browser', 'plugins', 'settings']);
const BUILT_SETTINGS_TABS: ReadonlySet<SettingsTabId> = new Set<SettingsTabId>(['general', 'vault', 'vm', 'readiness', 'diagnostics', 'approvals', 'extension']);

export const isPageBuilt = (id: PageId): boolean => BUILT_PAGES.has(id);
export const isSettingsTabBuilt = (id: SettingsTabId): boolean => BUILT_SETTINGS_TABS.has(id);
