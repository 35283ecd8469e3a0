import { ProblemError } from './bridge-client';
import { ExtensionController } from './controller';
import { ContentReply, POPUP_PORT_NAME, PopupCommand, type ContentRequest, type SendMode, type WorkerMessage } from './messages';
import { STORAGE_KEY, type StoredState } from './stored-state';

// The extension's background: the only place that holds the token and talks to the bridge. Chrome stops
// it when idle; the controller reads its state back from storage when it starts again.

const controller = new ExtensionController({
  fetch: (input, init) => fetch(input, init),
  loadState: async () => (await chrome.storage.local.get(STORAGE_KEY))[STORAGE_KEY],
  saveState: (state: StoredState) => chrome.storage.local.set({ [STORAGE_KEY]: state }),
  extract: extractFromTab,
  now: () => Date.now(),
  later: (run, ms) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
});

chrome.runtime.onConnect.addListener((port) => {
  // Content scripts can open ports too: only the popup page of this very extension is listened to.
  if (port.name !== POPUP_PORT_NAME || !isPopupPage(port.sender)) {
    port.disconnect();
    return;
  }
  const detach = controller.attach((view) => {
    try {
      port.postMessage({ type: 'view', view } satisfies WorkerMessage);
    } catch {
      // The popup closed between two views.
    }
  });
  port.onMessage.addListener((message: unknown) => {
    const command = PopupCommand.safeParse(message);
    if (command.success) void controller.handle(command.data);
    else console.warn('Aura Work: a popup command was refused:', command.error.issues[0]?.message);
  });
  port.onDisconnect.addListener(detach);
});

function isPopupPage(sender: chrome.runtime.MessageSender | undefined): boolean {
  if (sender?.id !== chrome.runtime.id || !sender.url) return false;
  const url = new URL(sender.url);
  const popup = new URL(chrome.runtime.getURL('popup.html'));
  return url.origin === popup.origin && url.pathname === popup.pathname;
}

/** Injects the content script into the tab's top frame and asks it for the page. */
async function extractFromTab(tabId: number, mode: SendMode): Promise<ContentReply> {
  try {
    await chrome.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
  } catch (err) {
    // Browser pages, the Web Store, a tab closed meanwhile: Chrome says why.
    throw new ProblemError({ kind: 'page-unreadable', message: err instanceof Error ? err.message.slice(0, 500) : undefined });
  }
  let reply: unknown;
  try {
    reply = await chrome.tabs.sendMessage(tabId, { type: 'aura.extract', mode } satisfies ContentRequest);
  } catch (err) {
    throw new ProblemError({ kind: 'page-unreadable', message: err instanceof Error ? err.message.slice(0, 500) : undefined });
  }
  const parsed = ContentReply.safeParse(reply);
  if (!parsed.success) throw new ProblemError({ kind: 'internal', message: 'The page’s reply was not understood.' });
  return parsed.data;
}
