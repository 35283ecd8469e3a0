import type { ToolCallPreview } from '../../../shared/task-history';
import type { ReviewRecord, TaskMessage } from '../../../shared/tasks';

/** One entry of the conversation: what was said, what a tool did, or what the reviewer decided. */
export type TimelineEntry =
  | { kind: 'message'; id: string; at: string; message: TaskMessage }
  | { kind: 'toolCall'; id: string; at: string; toolCall: ToolCallPreview }
  | { kind: 'review'; id: string; at: string; review: ReviewRecord };

/**
 * The conversation in the order things happened. Each list is already in order, so this is a stable
 * merge by creation time: a step's tool calls land before its summary, the reviews after both (the
 * order pages are cut in, so a page boundary falls between entries of this order).
 */
export function buildTimeline(detail: { messages: readonly TaskMessage[]; toolCalls: readonly ToolCallPreview[]; reviews: readonly ReviewRecord[] }): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...detail.messages.map((message) => ({ kind: 'message' as const, id: message.id, at: message.createdAt, message })),
    ...detail.toolCalls.map((toolCall) => ({ kind: 'toolCall' as const, id: toolCall.id, at: toolCall.createdAt, toolCall })),
    ...detail.reviews.map((review) => ({ kind: 'review' as const, id: review.id, at: review.createdAt, review })),
  ];
  // Array.prototype.sort is stable, so entries created in the same millisecond keep their list order.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
