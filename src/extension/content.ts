import { extractPage } from './extract';
import { ContentRequest } from './messages';

// The content script, injected on demand by the service worker (never declared for every page). Injected
// again on a second send, it must not answer twice: the flag lives in the extension's isolated world.
const FLAG = '__auraWorkContentScript';
const world = globalThis as typeof globalThis & { [FLAG]?: true };

if (!world[FLAG]) {
  world[FLAG] = true;
  chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    // Only this extension's own worker may ask, and only in the agreed shape.
    if (sender.id !== chrome.runtime.id) return false;
    const request = ContentRequest.safeParse(message);
    if (!request.success) return false;
    sendResponse(extractPage(document, request.data.mode));
    return false;
  });
}
