import type { Menu, MenuItemConstructorOptions } from 'electron';
import { LABELS } from './labels';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** Packaged builds get no reload and no DevTools entries. */
  isPackaged: boolean;
}

/** The application menu: standard roles only, so Electron labels and wires them per OS. */
export function appMenuTemplate({ platform, isPackaged }: AppMenuOptions): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const view: MenuItemConstructorOptions = {
    label: LABELS.viewMenu,
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}

/** Installs the application menu. */
export function setupMenu(menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>, options: AppMenuOptions): void {
  menu.setApplicationMenu(menu.buildFromTemplate(appMenuTemplate(options)));
}
