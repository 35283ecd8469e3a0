import { z } from 'zod';
import { ModelCallRecord, ReviewRecord, Task, TaskMessage, TaskStep, ToolCallRecord } from './tasks';

/**
 * A task's page in pieces: `tasks.get` returns the task, its plan and the newest page of its timeline;
 * `tasks.history` the pages before; `tasks.toolCallOutput` one tool call's whole output. A task of a
 * thousand steps opens as fast as a short one.
 */

/** Timeline items per page unless asked otherwise. */
export const TIMELINE_PAGE_SIZE = 50;
/** The largest page one call may ask for (the CLI reads whole histories in pages this size). */
export const TIMELINE_PAGE_MAX = 500;
/** Characters of a tool call's output a page carries: enough to see what it returned, small at fifty a page. */
export const OUTPUT_PREVIEW_CHARS = 2048;

const Count = z.number().int().nonnegative();
const TaskId = z.string().uuid();
const PageSize = z.number().int().min(1).max(TIMELINE_PAGE_MAX).default(TIMELINE_PAGE_SIZE);

/**
 * A plan step as the task page shows it. All steps come (the plan is the map of a long task, and a new
 * plan replaces steps by position), but without their summaries: up to 2 KB each, never shown in the
 * plan, and the same text as the step's last executor message in the timeline.
 */
export const PlanStep = TaskStep.omit({ summary: true });
export type PlanStep = z.infer<typeof PlanStep>;
export const toPlanStep = ({ summary: _summary, ...step }: TaskStep): PlanStep => step;

/** The kinds of timeline item, in the order items written in the same millisecond are shown. */
export const TimelineKind = z.enum(['message', 'toolCall', 'review', 'modelCall']);
export type TimelineKind = z.infer<typeof TimelineKind>;

/**
 * A position in a task's timeline. Items are ordered by creation time, then kind, then the order they
 * were stored in (`seq`), so items of one millisecond are never split or repeated across pages.
 */
export const TimelineCursor = z.object({ at: z.string().min(1).max(64), kind: TimelineKind, seq: z.number().int().nonnegative() }).strict();
export type TimelineCursor = z.infer<typeof TimelineCursor>;

/** A tool call whose output may be cut to a preview; `tasks.toolCallOutput` has the whole of it. */
export const ToolCallPreview = ToolCallRecord.extend({
  /** Size of the whole output as stored (UTF-8 JSON); null while it has none. */
  outputBytes: Count.nullable(),
  /** The output is cut: long strings shortened, long lists and objects ended early. */
  outputTruncated: z.boolean(),
});
export type ToolCallPreview = z.infer<typeof ToolCallPreview>;

/** Consecutive items of a timeline, each list oldest first. */
export const TimelinePage = z.object({
  messages: z.array(TaskMessage),
  toolCalls: z.array(ToolCallPreview),
  reviews: z.array(ReviewRecord),
  modelCalls: z.array(ModelCallRecord),
  /** The oldest item of the page: pass it as `before` for the page before it. Null for an empty page. */
  cursor: TimelineCursor.nullable(),
  hasOlder: z.boolean(),
});
export type TimelinePage = z.infer<typeof TimelinePage>;

/** How many items of each kind the whole timeline holds, read with the page. */
export const TimelineTotals = z.object({
  messages: Count,
  toolCalls: Count,
  reviews: Count,
  modelCalls: Count,
  /** Model calls without a price (local models, or one missing from the price list). */
  unpricedModelCalls: Count,
});
export type TimelineTotals = z.infer<typeof TimelineTotals>;

/** What `tasks.get` returns: the task, its whole plan and the newest page of its timeline. */
export const TaskOverview = TimelinePage.extend({ task: Task, steps: z.array(PlanStep), totals: TimelineTotals });
export type TaskOverview = z.infer<typeof TaskOverview>;

export const TaskOverviewInput = z.object({ id: TaskId, limit: PageSize }).strict();
export const TaskHistoryInput = z.object({ id: TaskId, before: TimelineCursor, limit: PageSize }).strict();
export const ToolCallOutputInput = z.object({ id: z.string().uuid() }).strict();

export const ToolCallOutput = z.object({ id: z.string(), output: z.unknown().nullable(), outputBytes: Count.nullable() });
export type ToolCallOutput = z.infer<typeof ToolCallOutput>;
