import { AuraError } from '../../shared/errors';
import type { ApprovalDecision, ApprovalPreview } from '../../shared/permissions';

/** How a waiting call was answered; a call whose task stopped meanwhile is answered `deny` with no note. */
export interface ApprovalVerdict {
  decision: ApprovalDecision;
  note?: string;
}

interface Pending {
  taskId: string;
  /** What the prompt shows besides the input (`approvals.preview`). */
  preview: ApprovalPreview;
  resolve: (verdict: ApprovalVerdict) => void;
}

const NOT_WAITING = () => new AuraError('NOT_FOUND', 'That tool call is not waiting for an answer.', 'It may have been answered already, or its task stopped. See `aura approvals list`.');

/** Tool calls waiting for the user's answer, from the UI, the CLI or a paired client. */
export class ApprovalQueue {
  private readonly pending = new Map<string, Pending>();

  wait(toolCallId: string, taskId: string, signal: AbortSignal, preview: ApprovalPreview = { kind: 'none' }): Promise<ApprovalVerdict> {
    return new Promise((resolve) => {
      const settle = (verdict: ApprovalVerdict) => {
        this.pending.delete(toolCallId);
        signal.removeEventListener('abort', onAbort);
        resolve(verdict);
      };
      const onAbort = () => settle({ decision: 'deny' });
      if (signal.aborted) return resolve({ decision: 'deny' });
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(toolCallId, { taskId, preview, resolve: settle });
    });
  }

  /** The task a waiting call belongs to; CONFLICT when it is not waiting (answered already, or stopped). */
  taskOf(toolCallId: string): string {
    const entry = this.pending.get(toolCallId);
    if (!entry) throw new AuraError('CONFLICT', 'That tool call is not waiting for an answer.', 'It may have been answered already, or its task stopped.');
    return entry.taskId;
  }

  preview(toolCallId: string): ApprovalPreview {
    const entry = this.pending.get(toolCallId);
    if (!entry) throw NOT_WAITING();
    return entry.preview;
  }

  answer(toolCallId: string, verdict: ApprovalVerdict): void {
    const entry = this.pending.get(toolCallId);
    if (!entry) throw new AuraError('CONFLICT', 'That tool call is not waiting for an answer.', 'It may have been answered already, or its task stopped.');
    entry.resolve(verdict);
  }
}
