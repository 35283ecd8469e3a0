import type { CompatiblePreset } from './providers';

/**
 * Where the providers live by default: read by the core (detection, model factory) and by the Providers page
 * (the base URL it prefills), so both say the same address.
 */

/** Default endpoints of the OpenAI-compatible servers people run; loopback by IP to avoid IPv6 surprises. */
export const PRESET_BASE_URLS: Record<CompatiblePreset, string> = {
  ollama: 'http://127.0.0.1:11434/v1',
  lmstudio: 'http://127.0.0.1:1234/v1',
  llamacpp: 'http://127.0.0.1:8080/v1',
  vllm: 'http://127.0.0.1:8000/v1',
  openrouter: 'https://openrouter.ai/api/v1',
};

/** Servers on this machine, whose calls cost nothing (and which need no API key). */
export const LOCAL_PRESETS: readonly CompatiblePreset[] = ['ollama', 'lmstudio', 'llamacpp', 'vllm'];

/** The environment variables that hold each provider's key; names, not secrets. Environment keys keep working beside vault accounts. */
export const KEY_VARIABLES = {
  anthropic: ['ANTHROPIC_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  google: ['GOOGLE_GENERATIVE_AI_API_KEY', 'GEMINI_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  'openai-compatible': ['OPENAI_COMPATIBLE_API_KEY'],
} as const;
