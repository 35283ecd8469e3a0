import type { TurnUsage } from './script';

// Keys whose strings are protocol, not prompt: leaving them out keeps the estimate near what a tokenizer
// would count for the text a model actually reads.
const NOT_PROMPT = new Set(['role', 'type', 'id', 'tool_call_id', 'tool_use_id', 'cache_control']);

/** Roughly four characters per token, and never zero, like the real APIs for any non-empty call. */
export const tokensFor = (chars: number): number => Math.max(1, Math.ceil(chars / 4));

/** Characters of prompt text in a chat-completions, messages or generateContent body (system, turns, tool results). */
export function promptChars(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const { system, messages, systemInstruction, contents } = body as { system?: unknown; messages?: unknown; systemInstruction?: unknown; contents?: unknown };
  return textChars(system) + textChars(messages) + textChars(systemInstruction) + textChars(contents);
}

function textChars(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textChars(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((sum, [key, item]) => sum + (NOT_PROMPT.has(key) ? 0 : textChars(item)), 0);
}

/** The usage a turn reports: its own figures when scripted, an estimate otherwise. */
export function usageFor(scripted: TurnUsage | undefined, body: unknown, outputChars: number): TurnUsage {
  return scripted ?? { input: tokensFor(promptChars(body)), output: tokensFor(outputChars) };
}
