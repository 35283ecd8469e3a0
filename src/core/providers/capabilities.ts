import type { ModelRef } from '../../shared/providers';

export interface ModelNeeds {
  tools?: boolean;
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
  // Plans and reviews are asked for natively or in the prompt (structuredMode), so every model that writes text qualifies.
  return null;
}

/**
 * How a model is asked for JSON: `native` uses the provider's own structured output through the AI SDK
 * (OpenAI and compatible servers: `response_format` json_schema; Anthropic: native output format or a
 * forced tool; Gemini: a response schema; local GGUF: a grammar). `prompt` asks in the prompt only, for
 * servers known to refuse `response_format`; a server that refuses it unexpectedly is switched over at
 * run time by the caller.
 */
export type StructuredMode = 'native' | 'prompt';

export function structuredMode(ref: ModelRef): StructuredMode {
  const name = ref.model.toLowerCase().split('/').pop() ?? '';
  // Reasoning models of the o1-mini/o1-preview generation reject response_format.
  if (/^o1-(mini|preview)/.test(name)) return 'prompt';
  return 'native';
}

/** Context windows of model families, in tokens; first match wins. */
const CONTEXT_WINDOWS: [RegExp, number][] = [
  [/^claude/, 200_000],
  [/^gpt-4\.1/, 1_000_000],
  [/^gpt-5/, 400_000],
  [/^(o1|o3|o4)/, 200_000],
  [/^gpt-4o|^gpt-4-turbo/, 128_000],
  [/^gpt-4/, 8_192],
  [/^gpt-3\.5/, 16_385],
  [/^gemini-(1\.5|2|3)/, 1_000_000],
  [/^gemini/, 32_768],
  [/^(llama-?3\.[1-3]|llama3\.[1-3]|qwen2\.5|qwen3|mistral-(large|small|nemo)|deepseek|command-r)/, 128_000],
  [/^(qwen|mistral|mixtral|phi-?4|gemma-?3)/, 32_768],
];

/** The context window Aura plans for when a model is not known: small enough for most local servers. */
const UNKNOWN_WINDOW = 8_192;

/** How many tokens of input a model takes in one call. */
export function contextWindow(ref: ModelRef): number {
  if (ref.provider === 'local-gguf') return UNKNOWN_WINDOW; // the context the local runtime allocates per call
  const name = ref.model.toLowerCase().split('/').pop() ?? '';
  return CONTEXT_WINDOWS.find(([pattern]) => pattern.test(name))?.[1] ?? UNKNOWN_WINDOW;
}

/**
 * How a model is shown an image a tool returned: `tool-result` inside the tool's result (Anthropic's
 * tool_result image blocks, Gemini's function-response parts); `user-message` in a user message right
 * after the results (OpenAI chat completions and compatible servers, whose tool messages carry text
 * only); null when the model reads text only, and gets the image's path and size instead.
 */
export type ImageInput = 'tool-result' | 'user-message' | null;

/** Model families that read images, by provider; first match wins. */
const OPENAI_VISION = [/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo|gpt-4-vision|gpt-5)/, /^o1(-\d|$)/, /^o3(-pro|-\d|$)/, /^o4-mini/];
/** Open models with vision, as Ollama, LM Studio, vLLM and OpenRouter name them. */
const COMPATIBLE_VISION = [
  ...OPENAI_VISION,
  /^claude-(3|sonnet|opus|haiku)/, /^gemini/, /llava/, /bakllava/, /moondream/, /minicpm-v/, /pixtral/, /(^|[-_.])vl([-_.:]|$)/, /vision/,
  /^qwen[23](\.5)?-?vl/, /^gemma-?3/, /^llama-?4/, /^mistral-small-3\.[12]/, /^granite[\d.]*-vision/,
];

export function imageInput(ref: ModelRef): ImageInput {
  const name = ref.model.toLowerCase().split('/').pop() ?? '';
  switch (ref.provider) {
    case 'anthropic':
      return /^claude-(2|instant)/.test(name) ? null : 'tool-result';
    case 'google':
      return /^gemini/.test(name) ? 'tool-result' : null;
    case 'openai':
      return OPENAI_VISION.some((pattern) => pattern.test(name)) ? 'user-message' : null;
    case 'openai-compatible':
      return COMPATIBLE_VISION.some((pattern) => pattern.test(name)) ? 'user-message' : null;
    case 'local-gguf':
      // The model worker runs text-only models.
      return null;
  }
}
