import type { CompatiblePreset, DetectedProvider } from '../../shared/providers';
import { AuraError } from '../../shared/errors';
import { KEY_VARIABLES, keyFrom, LOCAL_PRESETS, PRESET_BASE_URLS } from './presets';
import { isLoopback } from './provider-accounts';

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
export async function detectProviders(env: NodeJS.ProcessEnv, localUrls: Partial<Record<CompatiblePreset, string>> = PRESET_BASE_URLS, timeoutMs = 800, customUrls: readonly string[] = []): Promise<DetectedProvider[]> {
  const custom = customUrls.map(customBaseUrl);
  const local = await Promise.all(
    LOCAL_PRESETS.map(async (preset): Promise<DetectedProvider | null> => {
      const baseUrl = localUrls[preset];
      if (!baseUrl) return null;
      const models = await probe(baseUrl, timeoutMs);
      return models === null ? null : { provider: 'openai-compatible', preset, baseUrl, source: 'local-server', models, label: LABELS[preset] };
    }),
  );
  const known = new Set(local.map((d) => d?.baseUrl));
  const others = await Promise.all(
    [...new Set(custom)].filter((baseUrl) => !known.has(baseUrl)).map(async (baseUrl): Promise<DetectedProvider | null> => {
      const models = await probe(baseUrl, timeoutMs);
      return models === null ? null : { provider: 'openai-compatible', baseUrl, source: 'local-server', models, label: `Local server on port ${new URL(baseUrl).port || 80}` };
    }),
  );
  const fromEnv: DetectedProvider[] = [];
  if (keyFrom(env, KEY_VARIABLES.anthropic)) fromEnv.push({ provider: 'anthropic', source: 'environment', models: ['claude-sonnet-4-5', 'claude-haiku-4-5'], label: 'Anthropic' });
  if (keyFrom(env, KEY_VARIABLES.openai)) fromEnv.push({ provider: 'openai', source: 'environment', models: ['gpt-4.1', 'gpt-4.1-mini'], label: 'OpenAI' });
  if (keyFrom(env, KEY_VARIABLES.google)) fromEnv.push({ provider: 'google', source: 'environment', models: ['gemini-2.5-flash', 'gemini-2.5-pro'], label: 'Google Gemini' });
  if (keyFrom(env, KEY_VARIABLES.openrouter)) fromEnv.push({ provider: 'openai-compatible', preset: 'openrouter', baseUrl: PRESET_BASE_URLS.openrouter, source: 'environment', models: ['anthropic/claude-sonnet-4.5', 'openai/gpt-4.1'], label: 'OpenRouter' });
  return [...[...local, ...others].filter((d): d is DetectedProvider => d !== null), ...fromEnv];
}

/**
 * A server address the user typed ("http://127.0.0.1:9000", "localhost:5000/v1"): on this machine only, since
 * detection knocks on it unasked; a bare host and port gets the usual `/v1`.
 */
export function customBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim()) ? text.trim() : `http://${text.trim()}`);
  } catch {
    throw new AuraError('INVALID_INPUT', `"${text}" is not a server address.`, 'Give it as http://127.0.0.1:PORT/v1.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AuraError('INVALID_INPUT', `"${text}" is not an http address.`, 'Give it as http://127.0.0.1:PORT/v1.');
  if (!isLoopback(url.hostname)) throw new AuraError('INVALID_INPUT', `"${text}" is not on this machine: detection only looks at local servers.`, 'Add a remote server as an account with its base URL instead.');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path || '/v1'}`;
}
