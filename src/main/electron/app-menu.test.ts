import type { Menu, MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, setupMenu } from './app-menu';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu as MenuItemConstructorOptions[]) : [])]);

describe('appMenuTemplate', () => {
  it('offers DevTools and reload in development only', () => {
    expect(roles(appMenuTemplate({ platform: 'linux', isPackaged: false }))).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
    const packaged = roles(appMenuTemplate({ platform: 'linux', isPackaged: true }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
  });

  it('uses standard roles, with the app menu on macOS only', () => {
    expect(roles(appMenuTemplate({ platform: 'darwin', isPackaged: true }))[0]).toBe('appMenu');
    const linux = roles(appMenuTemplate({ platform: 'linux', isPackaged: true }));
    expect(linux).not.toContain('appMenu');
    expect(linux).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'zoomIn', 'togglefullscreen']));
  });

  it('installs the built menu', () => {
    const built = {} as Menu;
    const menu = { buildFromTemplate: jest.fn(() => built), setApplicationMenu: jest.fn() };
    setupMenu(menu, { platform: 'win32', isPackaged: true });
    expect(menu.setApplicationMenu).toHaveBeenCalledWith(built);
  });
});
