import type { ModelRef } from '../../shared/providers';

export interface ModelNeeds {
  tools?: boolean;
  structuredOutput?: boolean;
}

/**
 * Model families known not to call tools. Everything else is assumed able to, and a wrong guess shows
 * up as a failed call that the router falls back from.
 */
const NO_TOOLS = [/^o1-mini/, /instruct$/, /^gpt-3\.5-turbo-instruct/, /^deepseek-reasoner/, /^(llama2|llama-2)/, /^gemma(2|3)?[:-]?/, /^phi(3|-3)?/, /^codellama/, /^tinyllama/];

/** Why a model cannot serve a call with these needs, or null when it can. */
export function missingCapability(ref: ModelRef, needs: ModelNeeds): string | null {
  const name = ref.model.toLowerCase().split('/').pop() ?? '';
  if (needs.tools && NO_TOOLS.some((pattern) => pattern.test(name))) return `${ref.model} cannot call tools`;
  // Plans and reviews are JSON in plain text, repaired when malformed, so every model that writes text qualifies.
  return null;
}
