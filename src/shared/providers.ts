import { z } from 'zod';

/** The model providers Aura speaks to; OpenAI-compatible covers Ollama, LM Studio, llama.cpp, OpenRouter, vLLM. */
export const ProviderId = z.enum(['anthropic', 'openai', 'google', 'openai-compatible', 'local-gguf']);
export type ProviderId = z.infer<typeof ProviderId>;

export const CompatiblePreset = z.enum(['ollama', 'lmstudio', 'llamacpp', 'openrouter', 'vllm']);
export type CompatiblePreset = z.infer<typeof CompatiblePreset>;

/** One model at one provider. `baseUrl` overrides the provider's or preset's default endpoint. */
export const ModelRef = z
  .object({
    provider: ProviderId,
    model: z.string().trim().min(1).max(200),
    baseUrl: z.string().url().max(500).optional(),
    preset: CompatiblePreset.optional(),
    /** The provider account (src/shared/provider-accounts.ts) whose endpoint and key serve it; none: environment keys. */
    account: z.string().uuid().optional(),
  })
  .strict();
export type ModelRef = z.infer<typeof ModelRef>;

export const ModelRole = z.enum(['planner', 'executor', 'reviewer']);
export type ModelRole = z.infer<typeof ModelRole>;

/** A model per role, each an ordered list: the first that answers serves, the rest are fallbacks. */
export const ModelRoutes = z.object({
  planner: z.array(ModelRef).max(5),
  executor: z.array(ModelRef).max(5),
  reviewer: z.array(ModelRef).max(5),
});
export type ModelRoutes = z.infer<typeof ModelRoutes>;

/** What the first-run check found: a local server that answered, or an API key in the environment. */
export const DetectedProvider = z.object({
  provider: ProviderId,
  preset: CompatiblePreset.optional(),
  baseUrl: z.string().optional(),
  source: z.enum(['local-server', 'environment']),
  models: z.array(z.string()),
  label: z.string(),
});
export type DetectedProvider = z.infer<typeof DetectedProvider>;
