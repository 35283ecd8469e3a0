import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { AuraError } from '../../shared/errors';
import type { ModelRef } from '../../shared/providers';
import { createLocalGgufModel, type LocalModels } from './local-gguf';
import { KEY_VARIABLES, keyFrom, PRESET_BASE_URLS } from './presets';
import type { AccountCredentials } from './provider-accounts';

/** Where a model reference's account is read from: its endpoint, and its key out of the vault. */
export interface AccountSource {
  credentials(accountId: string): AccountCredentials;
}

const missingKey = (provider: string, names: readonly string[]) =>
  new AuraError('BAD_REQUEST', `No API key for ${provider}.`, `Set ${names.join(' or ')} in the environment Aura Work starts from.`);

/** The hosts a provider's key belongs to: the key is never sent anywhere else. */
const OFFICIAL_HOSTS: Record<string, string> = {
  anthropic: 'api.anthropic.com',
  openai: 'api.openai.com',
  google: 'generativelanguage.googleapis.com',
  openrouter: 'openrouter.ai',
};

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}

/**
 * Builds the SDK model for a reference. The provider's key goes only to the provider's own host: a
 * custom base URL (a proxy, a local server speaking that wire format) gets no key, so a base URL slipped
 * into the settings cannot collect it. Local GGUF models run in the model worker `local` gives.
 */
export async function createLanguageModel(ref: ModelRef, env: NodeJS.ProcessEnv, local?: LocalModels, accounts?: AccountSource): Promise<LanguageModel> {
  if (ref.account) return accountModel(ref.account, ref.model, accounts);
  const baseURL = ref.baseUrl;
  const ownHost = !baseURL || hostOf(baseURL) === OFFICIAL_HOSTS[ref.provider];
  const key = (names: readonly string[]) => {
    if (!ownHost) return 'not-needed';
    const found = keyFrom(env, names);
    if (!found) throw missingKey(ref.provider, names);
    return found;
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
      const openrouter = hostOf(url) === OFFICIAL_HOSTS.openrouter;
      const apiKey = keyFrom(env, openrouter ? KEY_VARIABLES.openrouter : KEY_VARIABLES['openai-compatible']);
      if (openrouter && !apiKey) throw missingKey('OpenRouter', KEY_VARIABLES.openrouter);
      // Ollama, LM Studio, llama.cpp, vLLM and OpenRouter take `response_format` json_schema; a server that
      // refuses it is asked in the prompt instead (agent/model-turn.ts).
      return createOpenAICompatible({ name: ref.preset ?? 'openai-compatible', baseURL: url, includeUsage: true, supportsStructuredOutputs: true, ...(apiKey ? { apiKey } : {}) })(ref.model);
    }
    case 'local-gguf':
      return createLocalGgufModel(ref.model, env, local);
  }
}

/**
 * A model served by a provider account: its provider, endpoint and key, never the reference's own (a route
 * edited by hand cannot send the key elsewhere). The key goes to the base URL the user paired it with.
 */
function accountModel(accountId: string, model: string, accounts: AccountSource | undefined): LanguageModel {
  if (!accounts) throw new AuraError('INTERNAL', 'Provider accounts are not available here.', 'Run the task from the app or the CLI.');
  const account = accounts.credentials(accountId);
  const baseURL = account.baseUrl ?? (account.preset ? PRESET_BASE_URLS[account.preset] : undefined);
  const apiKey = account.apiKey ?? undefined;
  const needsKey = () => {
    if (!apiKey) throw new AuraError('PROVIDER_AUTH', `The provider account "${account.name}" has no API key.`, `Add one with \`aura providers set ${account.name}\` or on the Providers page.`);
    return apiKey;
  };
  switch (account.provider) {
    case 'anthropic':
      return createAnthropic({ apiKey: needsKey(), ...(baseURL ? { baseURL } : {}) })(model);
    case 'openai':
      return createOpenAI({ apiKey: needsKey(), ...(baseURL ? { baseURL } : {}) }).chat(model);
    case 'google':
      return createGoogleGenerativeAI({ apiKey: needsKey(), ...(baseURL ? { baseURL } : {}) })(model);
    case 'openai-compatible':
      if (!baseURL) throw new AuraError('BAD_REQUEST', `The provider account "${account.name}" has no base URL.`, `Set one with \`aura providers set ${account.name} --base-url URL\`.`);
      return createOpenAICompatible({ name: account.preset ?? 'openai-compatible', baseURL, includeUsage: true, supportsStructuredOutputs: true, ...(apiKey ? { apiKey } : {}) })(model);
    case 'local-gguf':
      throw new AuraError('BAD_REQUEST', 'Local GGUF models need no account.', 'Pick the model on the Providers page without an account.');
  }
}
