import { describe, expect, it } from '@jest/globals';
import { costUsd } from './pricing';

const tokens = { inputTokens: 1_000_000, outputTokens: 100_000 };

describe('costUsd', () => {
  it('prices known models by their longest matching family', () => {
    expect(costUsd({ provider: 'anthropic', model: 'claude-sonnet-4-5-20250929' }, tokens)).toBeCloseTo(3 + 1.5);
    expect(costUsd({ provider: 'openai', model: 'gpt-4.1-mini' }, tokens)).toBeCloseTo(0.4 + 0.16);
    expect(costUsd({ provider: 'openai', model: 'gpt-4.1' }, tokens)).toBeCloseTo(2 + 0.8);
    expect(costUsd({ provider: 'openai', model: 'o3-mini' }, tokens)).toBeCloseTo(1.1 + 0.44);
    expect(costUsd({ provider: 'openai', model: 'o3-2025-04-16' }, tokens)).toBeCloseTo(2 + 0.8);
    expect(costUsd({ provider: 'openai-compatible', preset: 'openrouter', model: 'google/gemini-2.5-flash' }, tokens)).toBeCloseTo(0.3 + 0.25);
  });

  it('counts local models as free and unknown ones as unknown', () => {
    expect(costUsd({ provider: 'openai-compatible', preset: 'ollama', model: 'llama3.2' }, tokens)).toBe(0);
    expect(costUsd({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9999/v1', model: 'gpt-4.1' }, tokens)).toBe(0);
    expect(costUsd({ provider: 'openai-compatible', baseUrl: 'https://api.example.com/v1', model: 'mystery' }, tokens)).toBeNull();
  });
});
