import { OWNER_UI } from '../../shared/auth';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { AuraApp } from '../../core/app';
import { toErrorShape } from '../../shared/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc-channels';
import type { RpcResult } from '../../shared/wire';
import { isTrustedSender } from './sender-policy';

export type IpcCore = Pick<AuraApp, 'dispatch' | 'events' | 'logger'>;
export type IpcWindow = Pick<BrowserWindow, 'isDestroyed'> & { webContents: Pick<BrowserWindow['webContents'], 'isDestroyed' | 'getURL' | 'send'> };

const FORBIDDEN: RpcResult = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This call did not come from the Aura Work window.', hint: 'Calls are accepted only from the app page itself.' },
};

/** The sender frame's URL and place, or null when it is gone (a disposed frame throws on access). */
function describeSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): { url: string; isTopLevel: boolean } | null {
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, isTopLevel: frame.parent === null } : null;
  } catch {
    return null;
  }
}

/**
 * SECURITY: the one IPC handler. The sender frame is checked first (top-level frame of `app://aura`);
 * the dispatcher then validates the method name and the input against the contract.
 */
export function createCallHandler(core: IpcCore): (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, input: unknown) => Promise<RpcResult> {
  return async (event, method, input) => {
    const sender = describeSender(event);
    if (!sender || !isTrustedSender(sender.url, sender.isTopLevel)) {
      core.logger.warn('ipc call refused', { frame: sender?.url.slice(0, 200) ?? null, topLevel: sender?.isTopLevel ?? null });
      return FORBIDDEN;
    }
    try {
      return await core.dispatch(method, input, OWNER_UI);
    } catch (err) {
      // The dispatcher never throws; this keeps the promise of one reply shape even if it did.
      return { ok: false, error: toErrorShape(err) };
    }
  };
}

/** Registers the call handler and forwards service events to the window; returns the undo. */
export function setupIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: IpcCore, getWindow: () => IpcWindow | null): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, createCallHandler(core));
  const unsubscribe = core.events.subscribe((event, payload) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
    // Events carry user data: only the app page receives them, never a page it was navigated to.
    if (!isTrustedSender(win.webContents.getURL(), true)) return;
    win.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
