/** The little of chrome.tabs.Tab that choosing a tab needs. */
export interface TabLike {
  id?: number;
  active: boolean;
  lastAccessed?: number;
}

/**
 * The tab whose page the popup sends. As the toolbar popup (no tab of its own) it is the window's active
 * tab. Opened as a page in a tab of its own (pinned, or by keyboard users), the active tab is the popup
 * itself, so it is the tab the user was on last before it.
 */
export function pickTargetTab(tabs: readonly TabLike[], ownTabId: number | null): number | null {
  if (ownTabId === null) return tabs.find((tab) => tab.active)?.id ?? null;
  let best: TabLike | null = null;
  for (const tab of tabs) {
    if (tab.id === undefined || tab.id === ownTabId) continue;
    if (best === null || (tab.lastAccessed ?? 0) > (best.lastAccessed ?? 0)) best = tab;
  }
  return best?.id ?? null;
}
