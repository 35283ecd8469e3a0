import type { CompatiblePreset, DetectedProvider } from '../../shared/providers';
import { KEY_VARIABLES, keyFrom, LOCAL_PRESETS, PRESET_BASE_URLS } from './presets';

const LABELS: Record<CompatiblePreset, string> = { ollama: 'Ollama', lmstudio: 'LM Studio', llamacpp: 'llama.cpp server', vllm: 'vLLM', openrouter: 'OpenRouter' };

/** Models a local server offers, from its OpenAI-style model list; null when nothing answers. */
async function probe(baseUrl: string, timeoutMs: number): Promise<string[] | null> {
  try {
    const response = await fetch(`${baseUrl}/models`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    const body = (await response.json()) as { data?: { id?: unknown }[] };
    return Array.isArray(body.data) ? body.data.map((m) => m.id).filter((id): id is string => typeof id === 'string').slice(0, 100) : [];
  } catch {
    return null;
  }
}

/**
 * The first-run check: local servers that answer on their usual ports, and provider keys in the
 * environment. Only the presence of a key is reported, never the key.
 */
export async function detectProviders(env: NodeJS.ProcessEnv, localUrls: Partial<Record<CompatiblePreset, string>> = PRESET_BASE_URLS, timeoutMs = 800): Promise<DetectedProvider[]> {
  const local = await Promise.all(
    LOCAL_PRESETS.map(async (preset): Promise<DetectedProvider | null> => {
      const baseUrl = localUrls[preset];
      if (!baseUrl) return null;
      const models = await probe(baseUrl, timeoutMs);
      return models === null ? null : { provider: 'openai-compatible', preset, baseUrl, source: 'local-server', models, label: LABELS[preset] };
    }),
  );
  const fromEnv: DetectedProvider[] = [];
  if (keyFrom(env, KEY_VARIABLES.anthropic)) fromEnv.push({ provider: 'anthropic', source: 'environment', models: ['claude-sonnet-4-5', 'claude-haiku-4-5'], label: 'Anthropic' });
  if (keyFrom(env, KEY_VARIABLES.openai)) fromEnv.push({ provider: 'openai', source: 'environment', models: ['gpt-4.1', 'gpt-4.1-mini'], label: 'OpenAI' });
  if (keyFrom(env, KEY_VARIABLES.google)) fromEnv.push({ provider: 'google', source: 'environment', models: ['gemini-2.5-flash', 'gemini-2.5-pro'], label: 'Google Gemini' });
  if (keyFrom(env, KEY_VARIABLES.openrouter)) fromEnv.push({ provider: 'openai-compatible', preset: 'openrouter', baseUrl: PRESET_BASE_URLS.openrouter, source: 'environment', models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4.1'], label: 'OpenRouter' });
  return [...local.filter((d): d is DetectedProvider => d !== null), ...fromEnv];
}
