import type { COMPUTER_PROCEDURES } from '../../shared/computer';
import type { Handlers } from '../rpc/dispatcher';
import type { ComputerService } from './computer-service';

/** The Computer Use page's procedures (`computer.*` in the contract), spread into the handler table. */
export function computerHandlers(computer: ComputerService): Pick<Handlers, keyof typeof COMPUTER_PROCEDURES> {
  return {
    'computer.status': () => computer.status(),
    'computer.screen': ({ maxWidth }) => computer.screen(maxWidth),
    'computer.actions': () => computer.actions(),
    'computer.actionImage': ({ id }) => computer.actionImage(id),
    'computer.approvalImage': ({ toolCallId }) => computer.approvalImage(toolCallId),
    'computer.stop': () => computer.stop(),
  };
}
