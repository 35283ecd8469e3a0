import type { App, Session, Shell, WebContents } from 'electron';
import type { Logger } from '../../core/logging/logger';
import { externalLinkTarget, isAllowedNavigation } from './navigation-policy';
import { isPermissionGranted } from './permission-policy';

export interface SecurityDeps {
  shell: Pick<Shell, 'openExternal'>;
  logger: Pick<Logger, 'warn'>;
  allowedLinkHosts?: readonly string[];
}

/** Opens an allowlisted https link in the user's browser; everything else is dropped and logged. */
function openExternally(url: string, deps: SecurityDeps): void {
  const target = externalLinkTarget(url, deps.allowedLinkHosts);
  if (!target) {
    deps.logger.warn('link refused', { url: url.slice(0, 200) });
    return;
  }
  deps.shell.openExternal(target).catch((err: unknown) => deps.logger.warn('could not open link', { error: String(err) }));
}

/**
 * SECURITY: applied to every webContents the app creates. Navigation may not leave `app://aura`,
 * no window may be opened (allowlisted https links go to the browser instead), no `<webview>`.
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, deps: SecurityDeps): void {
  const keepInApp = (event: { url: string; preventDefault(): void }): boolean => {
    if (isAllowedNavigation(event.url)) return true;
    event.preventDefault();
    return false;
  };
  // A clicked link in the page: stays in the app, or goes to the browser when allowlisted.
  contents.on('will-navigate', (event) => {
    if (!keepInApp(event)) openExternally(event.url, deps);
  });
  // Frames and redirects are only ever stopped; they never open anything.
  contents.on('will-frame-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, deps);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.logger.warn('webview refused');
  });
}

/** Permission handlers that deny by default, and the hardening of every future webContents. */
export function setupSecurity(app: Pick<App, 'on'>, session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, deps: SecurityDeps): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, details.isMainFrame);
    if (!granted) deps.logger.warn('permission denied', { permission });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  );
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps));
}
