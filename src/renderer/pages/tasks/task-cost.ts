import type { ModelCallRecord } from '../../../shared/tasks';

export interface CostSummary {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** The sum of the calls that have a price. */
  costUsd: number;
  /** Calls without a price (local models, or a model missing from the price list). */
  unpricedCalls: number;
  failedCalls: number;
  durationMs: number;
}

/** Adds up the model calls of a task: tokens, dollars and time. */
export function summarizeModelCalls(calls: readonly ModelCallRecord[]): CostSummary {
  const summary: CostSummary = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0, failedCalls: 0, durationMs: 0 };
  for (const call of calls) {
    summary.calls += 1;
    summary.inputTokens += call.inputTokens;
    summary.outputTokens += call.outputTokens;
    summary.durationMs += call.durationMs;
    if (call.costUsd === null) summary.unpricedCalls += 1;
    else summary.costUsd += call.costUsd;
    if (!call.ok) summary.failedCalls += 1;
  }
  return summary;
}
