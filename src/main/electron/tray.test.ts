import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { LABELS } from './labels';
import { createTray, trayMenuTemplate, type TrayDeps } from './tray';

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('trayMenuTemplate', () => {
  it('has Show and Quit, wired to the actions', () => {
    const actions = { show: jest.fn(), quit: jest.fn() };
    const items = trayMenuTemplate(actions);
    expect(items.filter((item) => item.label).map((item) => item.label)).toEqual([LABELS.trayShow, LABELS.trayQuit]);
    click(items.find((item) => item.label === LABELS.trayShow));
    expect(actions.show).toHaveBeenCalled();
    click(items.find((item) => item.label === LABELS.trayQuit));
    expect(actions.quit).toHaveBeenCalled();
  });
});

describe('createTray', () => {
  it('creates the tray with the icon, tooltip and menu, and shows the window on click', () => {
    const tray = { setToolTip: jest.fn(), setContextMenu: jest.fn(), on: jest.fn() };
    const FakeTray = jest.fn(() => tray) as unknown as TrayDeps['Tray'];
    const builtMenu = {} as Menu;
    const menu = { buildFromTemplate: jest.fn(() => builtMenu) };
    const icon = {} as NativeImage;
    const actions = { show: jest.fn(), quit: jest.fn() };

    expect(createTray({ Tray: FakeTray, menu, icon }, actions)).toBe(tray as unknown as Tray);
    expect(FakeTray).toHaveBeenCalledWith(icon);
    expect(tray.setToolTip).toHaveBeenCalledWith(LABELS.trayTooltip);
    expect(tray.setContextMenu).toHaveBeenCalledWith(builtMenu);
    const onClick = tray.on.mock.calls.find(([event]) => event === 'click')?.[1] as () => void;
    onClick();
    expect(actions.show).toHaveBeenCalled();
  });
});
