import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { AuraError } from '../../shared/errors';
import type { ModelRef } from '../../shared/providers';
import { createLocalGgufModel } from './local-gguf';
import { KEY_VARIABLES, keyFrom, PRESET_BASE_URLS } from './presets';

const missingKey = (provider: string, names: readonly string[]) =>
  new AuraError('BAD_REQUEST', `No API key for ${provider}.`, `Set ${names.join(' or ')} in the environment Aura Work starts from.`);

/**
 * Builds the SDK model for a reference. A custom base URL (a proxy or a local server speaking that
 * wire format) may go without a key; the provider's own endpoint may not.
 */
export async function createLanguageModel(ref: ModelRef, env: NodeJS.ProcessEnv): Promise<LanguageModel> {
  const baseURL = ref.baseUrl;
  const key = (names: readonly string[]) => {
    const found = keyFrom(env, names);
    if (!found && !baseURL) throw missingKey(ref.provider, names);
    return found ?? 'not-needed';
  };
  switch (ref.provider) {
    case 'anthropic':
      return createAnthropic({ apiKey: key(KEY_VARIABLES.anthropic), ...(baseURL ? { baseURL } : {}) })(ref.model);
    case 'openai':
      // Chat completions, not Responses: the one wire format every OpenAI-style proxy also speaks.
      return createOpenAI({ apiKey: key(KEY_VARIABLES.openai), ...(baseURL ? { baseURL } : {}) }).chat(ref.model);
    case 'google':
      return createGoogleGenerativeAI({ apiKey: key(KEY_VARIABLES.google), ...(baseURL ? { baseURL } : {}) })(ref.model);
    case 'openai-compatible': {
      const url = baseURL ?? (ref.preset ? PRESET_BASE_URLS[ref.preset] : undefined);
      if (!url) throw new AuraError('BAD_REQUEST', 'An OpenAI-compatible model needs a base URL or a preset.', 'For example --base-url http://127.0.0.1:11434/v1 (Ollama).');
      const apiKey = keyFrom(env, ref.preset === 'openrouter' ? KEY_VARIABLES.openrouter : KEY_VARIABLES['openai-compatible']);
      if (ref.preset === 'openrouter' && !apiKey) throw missingKey('OpenRouter', KEY_VARIABLES.openrouter);
      return createOpenAICompatible({ name: ref.preset ?? 'openai-compatible', baseURL: url, includeUsage: true, ...(apiKey ? { apiKey } : {}) })(ref.model);
    }
    case 'local-gguf':
      return createLocalGgufModel(ref.model, env);
  }
}
