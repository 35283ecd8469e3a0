import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../../core/logging/logger';
import { LABELS } from './labels';
import { APP_INDEX_URL } from './sender-policy';

export interface MainWindowConfig {
  /** Absolute path of the bundled preload (dist/preload.js). */
  preload: string;
  /** DevTools exist only in development builds. */
  devTools: boolean;
  icon?: string;
}

/** SECURITY: the one set of web preferences of the app window (Electron security checklist). */
export function mainWindowOptions({ preload, devTools, icon }: MainWindowConfig): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: LABELS.appName,
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools,
    },
  };
}

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the app window, shows it once painted and loads the renderer from `app://aura`. */
export function createMainWindow(BrowserWindowCtor: BrowserWindowConstructor, config: MainWindowConfig, logger: Pick<Logger, 'error'>): BrowserWindow {
  const win = new BrowserWindowCtor(mainWindowOptions(config));
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_INDEX_URL).catch((err: unknown) => logger.error('could not load the renderer', { error: String(err) }));
  return win;
}

/** Brings an existing window to the front (second instance, tray "Show"). */
export function revealWindow(win: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
