import type { StopReason } from './llama-api';
import type { ModelFinishReason, ModelUsage } from '../../shared/model-worker';

/** Why node-llama-cpp stopped, in the AI SDK's terms; the raw reason is kept. */
export function toFinishReason(stopReason: StopReason): ModelFinishReason {
  switch (stopReason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return { unified: 'stop', raw: stopReason };
    case 'functionCalls':
      return { unified: 'tool-calls', raw: stopReason };
    case 'maxTokens':
      return { unified: 'length', raw: stopReason };
    case 'abort':
      return { unified: 'other', raw: stopReason };
  }
}

/**
 * The tokens of one call, from the token meter of the context sequence made for that call alone.
 * Nothing is cached between calls, so every input token is uncached.
 */
export function toUsage(meter: { usedInputTokens: number; usedOutputTokens: number }, reasoningTokens: number): ModelUsage {
  const output = meter.usedOutputTokens;
  const reasoning = Math.min(reasoningTokens, output);
  return {
    inputTokens: { total: meter.usedInputTokens, noCache: meter.usedInputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output - reasoning, reasoning },
  };
}
