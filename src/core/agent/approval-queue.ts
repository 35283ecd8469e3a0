import { AuraError } from '../../shared/errors';

interface Pending {
  taskId: string;
  resolve: (approved: boolean) => void;
}

/** Tool calls waiting for the user's answer, from the UI or the CLI. */
export class ApprovalQueue {
  private readonly pending = new Map<string, Pending>();

  wait(toolCallId: string, taskId: string, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const settle = (approved: boolean) => {
        this.pending.delete(toolCallId);
        signal.removeEventListener('abort', onAbort);
        resolve(approved);
      };
      const onAbort = () => settle(false);
      if (signal.aborted) return resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(toolCallId, { taskId, resolve: settle });
    });
  }

  answer(toolCallId: string, approved: boolean): void {
    const entry = this.pending.get(toolCallId);
    if (!entry) throw new AuraError('CONFLICT', 'That tool call is not waiting for an answer.', 'It may have been answered already, or its task stopped.');
    entry.resolve(approved);
  }
}
