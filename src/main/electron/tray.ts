import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { LABELS } from './labels';

export interface TrayActions {
  show(): void;
  quit(): void;
}

/** The tray's context menu: Show and Quit. */
export function trayMenuTemplate(actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: LABELS.trayShow, click: () => actions.show() },
    { type: 'separator' },
    { label: LABELS.trayQuit, click: () => actions.quit() },
  ];
}

export interface TrayDeps {
  Tray: new (image: NativeImage | string) => Tray;
  menu: Pick<typeof Menu, 'buildFromTemplate'>;
  icon: NativeImage | string;
}

/** Creates the tray icon; a click shows the window too (Windows and most Linux panels). */
export function createTray({ Tray: TrayCtor, menu, icon }: TrayDeps, actions: TrayActions): Tray {
  const tray = new TrayCtor(icon);
  tray.setToolTip(LABELS.trayTooltip);
  tray.setContextMenu(menu.buildFromTemplate(trayMenuTemplate(actions)));
  tray.on('click', () => actions.show());
  return tray;
}
