import { describe, expect, it } from '@jest/globals';
import { summarizeModelCalls } from './task-cost';
import { modelCall } from './task-fixtures';

describe('summarizeModelCalls', () => {
  it('adds tokens, cost and time, counting unpriced and failed calls apart', () => {
    const summary = summarizeModelCalls([
      modelCall('a', { inputTokens: 1000, outputTokens: 200, costUsd: 0.0125, durationMs: 800 }),
      modelCall('b', { inputTokens: 50, outputTokens: 0, costUsd: null, ok: false, error: 'timeout', durationMs: 30_000 }),
      modelCall('c', { inputTokens: 10, outputTokens: 5, costUsd: 0.0005, durationMs: 200 }),
    ]);
    expect({ ...summary, costUsd: 0 }).toEqual({ calls: 3, inputTokens: 1060, outputTokens: 205, costUsd: 0, unpricedCalls: 1, failedCalls: 1, durationMs: 31_000 });
    expect(summary.costUsd).toBeCloseTo(0.013, 10);
  });

  it('is all zeros for no calls', () => {
    expect(summarizeModelCalls([])).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, unpricedCalls: 0, failedCalls: 0, durationMs: 0 });
  });
});
