import { errors, type Locator, type Page } from 'playwright-core';
import { describeTarget, type BrowserAction, type ElementTarget } from '../../shared/browser';
import { AuraError } from '../../shared/errors';
import { pageControls } from './page-reader';

function locatorFor(page: Page, target: ElementTarget): Locator {
  const exact = target.exact ?? false;
  if (target.role) {
    const byRole = page.getByRole(target.role, { ...(target.name !== undefined ? { name: target.name } : {}), exact });
    return target.text !== undefined ? byRole.filter({ hasText: target.text }) : byRole;
  }
  return page.getByText(target.text ?? '', { exact });
}

/** A hint listing what the page does have, so the next attempt can name an element that exists. */
async function whatIsThere(page: Page): Promise<string> {
  const controls = await pageControls(page, 2000);
  return controls ? `The page's controls:\n${controls}` : 'Read the page with browser_navigate or take a screenshot to see what it shows.';
}

/** The one element `target` names: it must exist within `timeoutMs`; several need an index, unless one alone is visible. */
async function resolveOne(page: Page, target: ElementTarget, timeoutMs: number): Promise<Locator> {
  const all = locatorFor(page, target);
  try {
    await all.first().waitFor({ state: 'attached', timeout: timeoutMs });
  } catch (err) {
    if (!(err instanceof errors.TimeoutError)) throw err;
    throw new AuraError('NOT_FOUND', `No ${describeTarget(target)} is on the page (waited ${seconds(timeoutMs)}).`, await whatIsThere(page));
  }
  const count = await all.count();
  if (target.index !== undefined) {
    if (target.index >= count) throw new AuraError('NOT_FOUND', `Only ${count} elements match ${describeTarget({ ...target, index: undefined })}; there is no index ${target.index}.`, 'Indexes count from 0.');
    return all.nth(target.index);
  }
  if (count === 1) return all;
  const visible = all.filter({ visible: true });
  if ((await visible.count()) === 1) return visible;
  const texts = (await all.allInnerTexts()).slice(0, 8).map((text, i) => `${i}: ${JSON.stringify(text.trim().slice(0, 80))}`);
  throw new AuraError('BAD_REQUEST', `${count} elements match ${describeTarget(target)}: ${texts.join(', ')}${count > 8 ? ', …' : ''}.`, 'Add "index" (from 0), a more exact name, or exact: true.');
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Runs one action on the page. Failures come back as AuraErrors that say what to try instead. */
export async function runAction(page: Page, action: BrowserAction, timeoutMs: number): Promise<void> {
  try {
    switch (action.kind) {
      case 'click':
        await (await resolveOne(page, action.target, timeoutMs)).click({ timeout: timeoutMs });
        return;
      case 'type': {
        const field = await resolveOne(page, action.target, timeoutMs);
        if (action.clear) await field.fill(action.value, { timeout: timeoutMs });
        else await field.pressSequentially(action.value, { timeout: timeoutMs });
        if (action.submit) await field.press('Enter', { timeout: timeoutMs });
        return;
      }
      case 'select':
        await (await resolveOne(page, action.target, timeoutMs)).selectOption(action.option, { timeout: timeoutMs });
        return;
      case 'scroll':
        if (action.target) return await (await resolveOne(page, action.target, timeoutMs)).scrollIntoViewIfNeeded({ timeout: timeoutMs });
        if (action.direction === 'top' || action.direction === 'bottom') {
          await page.keyboard.press(action.direction === 'top' ? 'Home' : 'End');
          return;
        }
        {
          const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 };
          await page.mouse.move(width / 2, height / 2);
          await page.mouse.wheel(0, (action.direction === 'up' ? -1 : 1) * height * action.pages);
        }
        return;
      case 'wait': {
        if (!action.target) {
          await page.waitForLoadState('load', { timeout: action.timeoutMs });
          return;
        }
        const all = locatorFor(page, action.target);
        const one = action.target.index !== undefined ? all.nth(action.target.index) : all.first();
        await one.waitFor({ state: action.gone ? 'hidden' : 'visible', timeout: action.timeoutMs });
        return;
      }
    }
  } catch (err) {
    throw explain(err, action, action.kind === 'wait' ? action.timeoutMs : timeoutMs);
  }
}

/** Playwright's errors, said for the agent: what did not happen, and what to do. */
function explain(err: unknown, action: BrowserAction, timeoutMs: number): unknown {
  if (err instanceof AuraError) return err;
  const message = err instanceof Error ? err.message.split('\n')[0]!.replace(/^\w+\.\w+: /, '') : String(err);
  const what = 'target' in action && action.target ? describeTarget(action.target) : 'the page';
  if (err instanceof errors.TimeoutError) {
    if (action.kind === 'wait') return new AuraError('TIMEOUT', `${what} did not ${action.gone ? 'disappear' : action.target ? 'appear' : 'finish loading'} within ${seconds(timeoutMs)}.`, 'Wait longer (timeout_ms), or check the page with a screenshot.');
    return new AuraError('TIMEOUT', `Could not ${action.kind} ${what} within ${seconds(timeoutMs)}: it stayed hidden, disabled or covered.`, 'Scroll it into view, close what covers it, or take a screenshot to see why.');
  }
  if (/Unknown key/i.test(message)) return new AuraError('BAD_REQUEST', message);
  if (/not a <select>|Element is not a|did not find some options|not an <input>/i.test(message)) return new AuraError('BAD_REQUEST', `Could not ${action.kind} ${what}: ${message}`, 'Name the right kind of element (a textbox to type into, a combobox or listbox to select in).');
  if (/Target (page, context or browser )?(has been )?closed|Execution context was destroyed/i.test(message)) return new AuraError('IO_ERROR', `The page went away during the ${action.kind}: ${message}`, 'Read the page again with browser_navigate.');
  return new AuraError('IO_ERROR', `Could not ${action.kind} ${what}: ${message}`);
}
