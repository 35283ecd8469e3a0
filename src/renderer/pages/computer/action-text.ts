import type { TFunction } from 'i18next';
import type { ComputerAction } from '../../../shared/computer';

/** An action in the user's language: "Clicked the left button at (120, 80)". */
export function actionText(t: TFunction, action: ComputerAction): string {
  switch (action.kind) {
    case 'screenshot':
      return t('computer.action.screenshot');
    case 'click':
      return t(action.double ? 'computer.action.doubleClick' : 'computer.action.click', { button: t(`computer.button.${action.button}`), x: action.x, y: action.y });
    case 'move':
      return t('computer.action.move', { x: action.x, y: action.y });
    case 'type':
      return t('computer.action.type', { count: action.text.length });
    case 'key':
      return t('computer.action.key', { keys: action.keys });
    case 'scroll':
      return action.x === undefined
        ? t('computer.action.scroll', { direction: t(`computer.direction.${action.direction}`), count: action.amount })
        : t('computer.action.scrollAt', { direction: t(`computer.direction.${action.direction}`), count: action.amount, x: action.x, y: action.y });
  }
}
