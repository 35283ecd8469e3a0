import type { TFunction } from 'i18next';
import type { ElementTarget } from '../../../shared/browser';
import type { InputAction } from '../../../shared/computer';
import type { BrowserStep } from '../../../shared/permissions';

// What a waiting browser or computer call would do, in the user's language. Typed text, names and options
// are quoted as JSON: a newline or a quote in them stays visible, nothing of them is hidden.
const quoted = (text: string) => JSON.stringify(text);

/** `button "Send"`, `the text "Next"`: an element as the page names it (roles are ARIA's own words). */
export function elementText(target: ElementTarget, t: TFunction): string {
  let text = target.role ? (target.name !== undefined ? t('approvals.prompt.target.named', { role: target.role, name: target.name }) : target.role) : t('approvals.prompt.target.text', { text: target.text ?? '' });
  if (target.role && target.text !== undefined) text = t('approvals.prompt.target.withText', { target: text, text: target.text });
  if (target.index !== undefined) text = t('approvals.prompt.target.nth', { target: text, n: target.index + 1 });
  return text;
}

export function browserStepText(step: BrowserStep, t: TFunction): string {
  switch (step.kind) {
    case 'open':
      return t('approvals.prompt.act.open');
    case 'click':
      return t('approvals.prompt.act.click', { target: elementText(step.target, t) });
    case 'type':
      return t(step.submit ? 'approvals.prompt.act.typeSubmit' : 'approvals.prompt.act.type', { text: quoted(step.text), target: elementText(step.target, t) });
    case 'choose':
      return t('approvals.prompt.act.choose', { options: step.options.map(quoted), target: elementText(step.target, t) });
  }
}

export function inputActionText(action: InputAction, t: TFunction): string {
  switch (action.kind) {
    case 'click':
      return t(action.double ? 'approvals.prompt.act.pointerDoubleClick' : 'approvals.prompt.act.pointerClick', { button: t(`approvals.prompt.act.buttons.${action.button}`), x: action.x, y: action.y });
    case 'move':
      return t('approvals.prompt.act.move', { x: action.x, y: action.y });
    case 'type':
      return t('approvals.prompt.act.keyboardType', { text: quoted(action.text) });
    case 'key':
      return t('approvals.prompt.act.key', { keys: action.keys });
    case 'scroll': {
      const direction = t(`approvals.prompt.act.directions.${action.direction}`);
      if (action.x === undefined) return t('approvals.prompt.act.scroll', { direction, count: action.amount });
      return t('approvals.prompt.act.scrollAt', { direction, count: action.amount, x: action.x, y: action.y });
    }
  }
}
