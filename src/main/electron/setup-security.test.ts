import type { App, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { hardenWebContents, setupSecurity, type SecurityDeps } from './setup-security';

type Listener = (...args: unknown[]) => unknown;

/** A webContents that records its listeners, so the test can fire the events Electron would. */
const fakeContents = () => {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  const contents = {
    on: jest.fn((name: string, listener: Listener): void => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
    }),
    setWindowOpenHandler: jest.fn((handler: typeof openHandler) => {
      openHandler = handler;
    }),
  };
  const fire = (name: string, ...args: unknown[]) => {
    for (const listener of listeners.get(name) ?? []) listener(...args);
  };
  const navigate = (name: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string) => {
    const event = { url, isMainFrame: true, preventDefault: jest.fn() };
    fire(name, event, url);
    return event;
  };
  const open = (url: string) => openHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'no-referrer' } });
  return { contents: contents as unknown as WebContents, listeners, fire, navigate, open };
};

const fakeDeps = () => ({
  shell: { openExternal: jest.fn(async () => undefined) },
  logger: { warn: jest.fn() },
});

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('hardenWebContents', () => {
  let deps: ReturnType<typeof fakeDeps>;
  let page: ReturnType<typeof fakeContents>;
  beforeEach(() => {
    deps = fakeDeps();
    page = fakeContents();
    hardenWebContents(page.contents, deps as SecurityDeps);
  });

  it('denies every window.open and opens only allowlisted https links externally', async () => {
    expect(page.open('https://github.com/aura-work')).toEqual({ action: 'deny' });
    expect(deps.shell.openExternal).toHaveBeenCalledWith('https://github.com/aura-work');
    for (const url of ['https://evil.com/', 'https://evil.com@github.com/', 'http://github.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://aura/index.html']) {
      expect(page.open(url)).toEqual({ action: 'deny' });
    }
    expect(deps.shell.openExternal).toHaveBeenCalledTimes(1);
    await flush();
  });

  it('survives openExternal failing', async () => {
    deps.shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(page.open('https://github.com/')).toEqual({ action: 'deny' });
    await flush();
    expect(deps.logger.warn).toHaveBeenCalledWith('could not open link', expect.any(Object));
  });

  it.each(['https://evil.com/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://evil/index.html', 'app://aura:1/', 'data:text/html,x', 'javascript:alert(1)', 'about:blank'])(
    'prevents will-navigate to %s',
    (url) => {
      expect(page.navigate('will-navigate', url).preventDefault).toHaveBeenCalled();
      expect(deps.shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('lets the app navigate inside app://aura', () => {
    expect(page.navigate('will-navigate', 'app://aura/index.html').preventDefault).not.toHaveBeenCalled();
    expect(page.navigate('will-frame-navigate', 'app://aura/index.html#/x').preventDefault).not.toHaveBeenCalled();
  });

  it('sends a clicked allowlisted link to the browser instead of navigating', () => {
    expect(page.navigate('will-navigate', 'https://docs.aura.work/').preventDefault).toHaveBeenCalled();
    expect(deps.shell.openExternal).toHaveBeenCalledWith('https://docs.aura.work/');
  });

  it('stops frame navigations and redirects without opening anything', () => {
    expect(page.navigate('will-frame-navigate', 'https://github.com/').preventDefault).toHaveBeenCalled();
    expect(page.navigate('will-redirect', 'https://github.com/').preventDefault).toHaveBeenCalled();
    expect(page.navigate('will-redirect', 'https://evil.com/').preventDefault).toHaveBeenCalled();
    expect(deps.shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents every <webview>', () => {
    const event = { preventDefault: jest.fn() };
    page.fire('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.com/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('setupSecurity', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'display-capture', 'midiSysex', 'unknown'];

  const wire = () => {
    const deps = fakeDeps();
    const app = { on: jest.fn() };
    const session = { setPermissionRequestHandler: jest.fn(), setPermissionCheckHandler: jest.fn() };
    setupSecurity(app as unknown as Pick<App, 'on'>, session as unknown as Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>, deps);
    type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
    type CheckHandler = (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean }) => boolean;
    return {
      deps,
      app,
      request: session.setPermissionRequestHandler.mock.calls[0]?.[0] as RequestHandler,
      check: session.setPermissionCheckHandler.mock.calls[0]?.[0] as CheckHandler,
    };
  };

  it.each(permissions)('denies the permission request %s, from the app and from anyone else', (permission) => {
    const { request } = wire();
    for (const requestingUrl of ['app://aura/index.html', 'https://evil.com/']) {
      const callback = jest.fn();
      request(null, permission, callback, { requestingUrl, isMainFrame: true });
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it.each(permissions)('answers the permission check %s with false', (permission) => {
    const { check } = wire();
    expect(check(null, permission, 'app://aura', { isMainFrame: true })).toBe(false);
    expect(check(null, permission, 'https://evil.com', { requestingUrl: 'https://evil.com/', isMainFrame: true })).toBe(false);
  });

  it('grants clipboard writes to the app page and nobody else', () => {
    const { request, check } = wire();
    const granted = jest.fn();
    request(null, 'clipboard-sanitized-write', granted, { requestingUrl: 'app://aura/index.html', isMainFrame: true });
    expect(granted).toHaveBeenCalledWith(true);
    const refused = jest.fn();
    request(null, 'clipboard-sanitized-write', refused, { requestingUrl: 'https://evil.com/', isMainFrame: true });
    expect(refused).toHaveBeenCalledWith(false);
    expect(check(null, 'clipboard-sanitized-write', 'app://aura', { isMainFrame: false })).toBe(false);
  });

  it('hardens every webContents that is created', () => {
    const { app, deps } = wire();
    expect(app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    const onCreated = app.on.mock.calls[0]?.[1] as (event: unknown, contents: WebContents) => void;
    const page = fakeContents();
    onCreated({}, page.contents);
    expect(page.open('https://evil.com/')).toEqual({ action: 'deny' });
    expect(page.navigate('will-navigate', 'https://evil.com/').preventDefault).toHaveBeenCalled();
    expect([...page.listeners.keys()]).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']));
    expect(deps.shell.openExternal).not.toHaveBeenCalled();
  });
});
