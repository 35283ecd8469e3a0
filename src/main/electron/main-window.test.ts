import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow, mainWindowOptions, revealWindow, type BrowserWindowConstructor } from './main-window';

describe('mainWindowOptions', () => {
  it('isolates the renderer as the security checklist asks', () => {
    const { webPreferences } = mainWindowOptions({ preload: '/app/dist/preload.js', devTools: false });
    expect(webPreferences).toMatchObject({
      preload: '/app/dist/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
    });
  });

  it('has DevTools only when asked (development)', () => {
    expect(mainWindowOptions({ preload: 'p', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('waits to be painted before it shows', () => {
    expect(mainWindowOptions({ preload: 'p', devTools: false }).show).toBe(false);
  });
});

describe('createMainWindow', () => {
  it('loads the renderer from app://aura and shows once ready', async () => {
    const created: BrowserWindowConstructorOptions[] = [];
    const readyListeners: (() => void)[] = [];
    const win = {
      once: jest.fn((_event: string, listener: () => void) => readyListeners.push(listener)),
      loadURL: jest.fn(async () => undefined),
      show: jest.fn(),
    };
    const FakeWindow = function (this: unknown, options: BrowserWindowConstructorOptions) {
      created.push(options);
      return win;
    } as unknown as BrowserWindowConstructor;
    const logger = { error: jest.fn() };

    expect(createMainWindow(FakeWindow, { preload: '/p.js', devTools: false }, logger)).toBe(win);
    expect(created[0]?.webPreferences?.sandbox).toBe(true);
    expect(win.loadURL).toHaveBeenCalledWith('app://aura/index.html');
    expect(win.once).toHaveBeenCalledWith('ready-to-show', expect.any(Function));
    readyListeners.forEach((listener) => listener());
    expect(win.show).toHaveBeenCalled();
  });

  it('logs a renderer that fails to load', async () => {
    const win = { once: jest.fn(), loadURL: jest.fn(async () => Promise.reject(new Error('ERR_FILE_NOT_FOUND'))), show: jest.fn() };
    const FakeWindow = function () {
      return win;
    } as unknown as BrowserWindowConstructor;
    const logger = { error: jest.fn() };
    createMainWindow(FakeWindow, { preload: '/p.js', devTools: false }, logger);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.error).toHaveBeenCalledWith('could not load the renderer', expect.any(Object));
  });
});

describe('revealWindow', () => {
  it('restores a minimised window, shows and focuses it', () => {
    const win = { isMinimized: () => true, restore: jest.fn(), show: jest.fn(), focus: jest.fn() };
    revealWindow(win);
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});
