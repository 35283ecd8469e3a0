import type { browserProcedures } from '../../shared/browser';
import type { Handlers } from '../rpc/dispatcher';
import type { BrowserService } from './browser-service';

/** The Browser page's procedures, answered by the browser service; spread into the contract's handlers. */
export function browserHandlers(browser: BrowserService): Pick<Handlers, keyof typeof browserProcedures> {
  return {
    'browser.sessions': () => browser.list(),
    'browser.session': ({ sessionId }) => browser.detail(sessionId),
    'browser.watch': ({ sessionId }) => browser.watch(sessionId),
    'browser.unwatch': ({ sessionId }) => browser.unwatch(sessionId),
    'browser.takeOver': ({ sessionId }, ctx) => browser.takeOver(sessionId, ctx.actor),
    'browser.handBack': ({ sessionId }, ctx) => browser.handBack(sessionId, ctx.actor),
    'browser.stop': ({ sessionId }, ctx) => browser.stop(sessionId, ctx.actor),
    'browser.input': ({ sessionId, event }) => browser.input(sessionId, event),
  };
}
