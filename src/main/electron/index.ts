import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, powerMonitor, protocol, safeStorage, session, shell, Tray, utilityProcess } from 'electron';
import { join } from 'node:path';
import { createApp, type AuraApp } from '../../core/app';
import { locateResources, resolvePaths, type AppPaths } from '../../core/paths';
import { AuraError } from '../../shared/errors';
import { version } from '../../../package.json';
import { registerAppScheme, setupProtocol } from './app-protocol';
import { setupMenu } from './app-menu';
import { LABELS } from './labels';
import { createMainWindow, revealWindow } from './main-window';
import { setupIpc } from './setup-ipc';
import { setupSecurity } from './setup-security';
import { createTray } from './tray';
import { utilityProcessLauncher } from './utility-process-launcher';
import { electronKeychain } from './device-keychain';
import { setupVaultPowerLock } from './vault-power-lock';
import type { HostLock } from '../../core/host/host-lock';
import { localSocketPath } from '../../core/host/host-paths';
import type { HostInfo } from '../../shared/contract';
import { claimDataDir } from '../host/claim-data-dir';
import { startHostBridge } from '../host/host-bridge';
import { serveLocalChannel } from '../host/local-channel';

/*
 * The Electron host: windows, tray, menu, the app:// protocol, CSP, permission handlers and the IPC
 * wiring, nothing else. Every service lives in core and is shared with the headless host.
 * This file is bundled to dist/electron-main.js; the preload and the renderer sit beside it.
 */

let core: AuraApp | null = null;
let mainWindow: BrowserWindow | null = null;
// Held here so the tray is not garbage collected (it would vanish from the panel).
let tray: Tray | null = null;
let disposeIpc: (() => void) | null = null;
let hostLock: HostLock | null = null;

const resourcesDir = (): string => (app.isPackaged ? join(process.resourcesPath, 'resources') : locateResources(__dirname));

function requireCore(): AuraApp {
  if (!core) throw new Error('The core services are not running.');
  return core;
}

function openMainWindow(): void {
  // Only Linux takes the window icon from here; Windows uses the exe's icon, macOS the bundle's.
  const icon = process.platform === 'linux' ? join(resourcesDir(), 'icons', 'tray.png') : undefined;
  const win = createMainWindow(BrowserWindow, { preload: join(__dirname, 'preload.js'), devTools: !app.isPackaged, icon }, requireCore().logger);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

function showMainWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) revealWindow(mainWindow);
  else if (core) openMainWindow();
}

function setupCore(paths: AppPaths): void {
  core = createApp({
    paths,
    resourcesDir: resourcesDir(),
    version,
    runtime: { host: 'electron', electron: process.versions.electron, chromium: async () => process.versions.chrome },
    launcher: utilityProcessLauncher(utilityProcess),
    deviceKeychain: electronKeychain(safeStorage, process.platform),
  });
}

/** A vault remembered on this device opens at start; sleep and screen lock lock it. */
function setupVault(services: AuraApp): void {
  if (services.vault.initialised && services.vault.status().device.remembered) {
    try {
      services.vault.unlockWithDevice('system');
    } catch (err) {
      services.logger.warn('the remembered vault key did not open; the password is asked', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  const dispose = setupVaultPowerLock(powerMonitor, services.vault);
  app.once('will-quit', dispose);
}

function setupTray(): void {
  const icon = nativeImage.createFromPath(join(resourcesDir(), 'icons', 'tray.png'));
  // macOS draws menu-bar icons at 16 pt; the 32 px image then serves Retina screens.
  const sized = process.platform === 'darwin' ? icon.resize({ width: 16, height: 16 }) : icon;
  tray = createTray({ Tray, menu: Menu, icon: sized }, { show: showMainWindow, quit: () => app.quit() });
}

function setupLifecycle(): void {
  app.on('activate', () => showMainWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Not on before-quit: a window may still cancel the quit then, and would be left without IPC.
  // will-quit comes after every window has closed, so nothing can reach the services any more.
  app.on('will-quit', (event) => {
    disposeIpc?.();
    disposeIpc = null;
    tray?.destroy();
    tray = null;
    if (!core) return;
    const closing = core;
    core = null;
    closing.logger.info('electron host stopped');
    // Running tasks are cancelled and persisted before the database closes; then quit for real.
    event.preventDefault();
    void closing.close().finally(() => {
      hostLock?.release();
      app.exit(0);
    });
  });
}

async function start(paths: AppPaths, lock: HostLock): Promise<void> {
  setupCore(paths);
  const services = requireCore();
  setupProtocol(protocol, join(__dirname, 'renderer'));
  setupSecurity(app, session.defaultSession, { shell, logger: services.logger });
  disposeIpc = setupIpc(ipcMain, services, () => mainWindow);
  openMainWindow();
  setupTray();
  setupMenu(Menu, { platform: process.platform, isPackaged: app.isPackaged });
  setupLifecycle();
  setupVault(services);
  services.recoverInterruptedTasks();
  services.mcp.startAll();
  // The CLI's way in: the contract on the data directory's socket, as the owner.
  const channel = await serveLocalChannel(services, localSocketPath(paths.home), () => undefined);
  const bridge = await startHostBridge(services, process.env, (line) => services.logger.warn(line));
  const info: HostInfo = { kind: 'desktop', pid: process.pid, version, startedAt: new Date().toISOString(), url: null, bridgeUrl: bridge?.url ?? null, idleExitMs: null };
  services.host = { info: () => info, stop: () => false };
  // Held until the services have closed (a collected lock would be released early).
  hostLock = lock;
  app.once('will-quit', () => {
    void channel.close();
    void bridge?.close();
  });
  services.audit.append({ actor: 'system', action: 'host.start', target: null, detail: { host: 'electron', version, pid: process.pid } });
  services.logger.info('electron host started', { home: paths.home, packaged: app.isPackaged });
}

function failStart(err: unknown): void {
  const detail =
    err instanceof AuraError ? `${err.message}${err.hint ? `\n\n${err.hint}` : ''}` : err instanceof Error ? err.message : String(err);
  dialog.showErrorBox(LABELS.startFailedTitle, detail);
  void (core?.close() ?? Promise.resolve()).finally(() => app.exit(1));
}

function main(): void {
  // Both must happen before the app is ready.
  registerAppScheme(protocol);
  app.enableSandbox();

  let paths: AppPaths;
  try {
    paths = resolvePaths(process.env);
  } catch (err) {
    failStart(err);
    return;
  }
  // With AURA_HOME the whole profile moves there too, so an isolated instance (tests, a second
  // profile) also gets its own Chromium data and its own single-instance lock.
  if (process.env.AURA_HOME) app.setPath('userData', paths.home);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => showMainWindow());

  // One host per data directory: a background host (started by the CLI) hands over to the desktop app;
  // a headless `npm start` on the same folder keeps it, and this start says where it runs.
  Promise.all([claimDataDir(paths.home, { takeOverBackground: true }), app.whenReady()])
    .then(([claim]) => {
      if (claim.owned) return start(paths, claim.lock);
      dialog.showErrorBox(LABELS.alreadyRunningTitle, claim.running.url ? `Aura Work is already running at ${claim.running.url}` : `Aura Work is already running (pid ${claim.running.pid}).`);
      app.quit();
      return undefined;
    })
    .catch(failStart);
}

main();
