/**
 * Every label the Electron host shows itself (menu roles are labelled by Electron in the OS language).
 * English for now; one table so that a later i18n pass replaces it in one place.
 */
export const LABELS = {
  appName: 'Aura Work',
  trayTooltip: 'Aura Work',
  trayShow: 'Show Aura Work',
  trayQuit: 'Quit Aura Work',
  viewMenu: 'View',
  startFailedTitle: 'Aura Work could not start',
  alreadyRunningTitle: 'Aura Work is already running',
} as const;
