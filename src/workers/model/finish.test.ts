import { describe, expect, it } from '@jest/globals';
import { toFinishReason, toUsage } from './finish';

describe('toFinishReason', () => {
  it.each([
    ['eogToken', 'stop'],
    ['stopGenerationTrigger', 'stop'],
    ['customStopTrigger', 'stop'],
    ['functionCalls', 'tool-calls'],
    ['maxTokens', 'length'],
    ['abort', 'other'],
  ] as const)('maps %s to %s and keeps the raw reason', (raw, unified) => {
    expect(toFinishReason(raw)).toEqual({ unified, raw });
  });
});

describe('toUsage', () => {
  it('reports the call’s tokens, all uncached, with reasoning split out of the output', () => {
    expect(toUsage({ usedInputTokens: 120, usedOutputTokens: 30 }, 10)).toEqual({
      inputTokens: { total: 120, noCache: 120, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 30, text: 20, reasoning: 10 },
    });
  });
});
