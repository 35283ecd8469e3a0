import type { ModelRef } from '../../shared/providers';
import { LOCAL_PRESETS } from './presets';

/**
 * List prices in USD per million tokens [input, output], as published by the providers (2025-11).
 * Matched by the longest prefix of the model name; dated snapshots share their family's price.
 */
const PRICES: Record<string, [number, number]> = {
  'claude-opus-4-5': [5, 25],
  'claude-opus-4': [15, 75],
  'claude-sonnet-4': [3, 15],
  'claude-3-7-sonnet': [3, 15],
  'claude-3-5-sonnet': [3, 15],
  'claude-haiku-4-5': [1, 5],
  'claude-3-5-haiku': [0.8, 4],
  'gpt-5-nano': [0.05, 0.4],
  'gpt-5-mini': [0.25, 2],
  'gpt-5': [1.25, 10],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1': [2, 8],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'o4-mini': [1.1, 4.4],
  'o3-mini': [1.1, 4.4],
  'o3-pro': [20, 80],
  o3: [2, 8],
  'gemini-2.5-pro': [1.25, 10],
  'gemini-2.5-flash-lite': [0.1, 0.4],
  'gemini-2.5-flash': [0.3, 2.5],
  'gemini-2.0-flash': [0.1, 0.4],
};
const PREFIXES = Object.keys(PRICES).sort((a, b) => b.length - a.length);

function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

/** The cost of one call, 0 for models on this machine, null when the price is not known. */
export function costUsd(ref: ModelRef, tokens: { inputTokens: number; outputTokens: number }): number | null {
  if (ref.provider === 'local-gguf' || (ref.preset && LOCAL_PRESETS.includes(ref.preset)) || isLoopback(ref.baseUrl)) return 0;
  // OpenRouter names models "vendor/model"; the part after the slash is what the table knows.
  const name = ref.model.toLowerCase().split('/').pop() ?? '';
  const prefix = PREFIXES.find((p) => name.startsWith(p));
  if (!prefix) return null;
  const [input, output] = PRICES[prefix] as [number, number];
  return (tokens.inputTokens * input + tokens.outputTokens * output) / 1_000_000;
}
