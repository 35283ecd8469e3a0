import { describe, expect, it } from '@jest/globals';
import { missingCapability } from './capabilities';
import { classify, retryAfterMs } from './model-errors';
import { createLanguageModel } from './model-factory';
import { APICallError, generateText } from 'ai';
import { startScriptedLlm } from '../../../test/support/llm-server';
import { AuraError } from '../../shared/errors';

const apiError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({ message: 'x', url: 'http://h', requestBodyValues: {}, statusCode, responseHeaders: headers, isRetryable: statusCode >= 500 || statusCode === 429 });

describe('createLanguageModel', () => {
  it('needs a key for a provider’s own endpoint, and names the variable', async () => {
    await expect(createLanguageModel({ provider: 'anthropic', model: 'claude-haiku-4-5' }, {})).rejects.toMatchObject({ code: 'BAD_REQUEST', hint: expect.stringContaining('ANTHROPIC_API_KEY') });
    await expect(createLanguageModel({ provider: 'google', model: 'gemini-2.5-flash' }, {})).rejects.toMatchObject({ hint: expect.stringContaining('GOOGLE_GENERATIVE_AI_API_KEY') });
    await expect(createLanguageModel({ provider: 'openai-compatible', preset: 'openrouter', model: 'x' }, {})).rejects.toMatchObject({ hint: expect.stringContaining('OPENROUTER_API_KEY') });
  });

  it('builds models for keys, presets and custom endpoints', async () => {
    const model = (await createLanguageModel({ provider: 'openai', model: 'gpt-4.1' }, { OPENAI_API_KEY: 'k' })) as { provider: string; modelId: string };
    expect(model).toMatchObject({ modelId: 'gpt-4.1', provider: 'openai.chat' });
    expect(await createLanguageModel({ provider: 'openai-compatible', preset: 'ollama', model: 'llama3.2' }, {})).toMatchObject({ modelId: 'llama3.2', provider: 'ollama.chat' });
    expect(await createLanguageModel({ provider: 'anthropic', model: 'm', baseUrl: 'http://127.0.0.1:1/v1' }, {})).toMatchObject({ modelId: 'm' });
    await expect(createLanguageModel({ provider: 'openai-compatible', model: 'm' }, {})).rejects.toMatchObject({ message: expect.stringContaining('needs a base URL') });
  });

  it('never sends a provider key to a base URL that is not the provider’s own host', async () => {
    globalThis.AI_SDK_LOG_WARNINGS = false; // unknown model names make the SDK warn; not what is tested
    const llm = await startScriptedLlm({ turns: [{ text: 'a' }, { text: 'b' }] });
    try {
      const env = { ANTHROPIC_API_KEY: 'sk-ant-SECRET', OPENROUTER_API_KEY: 'sk-or-SECRET' };
      await generateText({ model: await createLanguageModel({ provider: 'anthropic', model: 'm', baseUrl: llm.baseUrl }, env), prompt: 'x', maxRetries: 0 });
      await generateText({ model: await createLanguageModel({ provider: 'openai-compatible', preset: 'openrouter', model: 'm', baseUrl: llm.baseUrl }, env), prompt: 'x', maxRetries: 0 });
      expect(JSON.stringify(llm.requests.map((r) => r.headers))).not.toContain('SECRET');
    } finally {
      await llm.close();
    }
  });

  it('explains what a local GGUF model needs', async () => {
    await expect(createLanguageModel({ provider: 'local-gguf', model: '/no/such/model.gguf' }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('failure handling', () => {
  it('retries rate limits and server errors, falls back on client errors, stops on cancel and budgets', () => {
    expect(classify(apiError(429), undefined)).toBe('retry');
    expect(classify(apiError(503), undefined)).toBe('retry');
    expect(classify(apiError(401), undefined)).toBe('fallback');
    expect(classify(apiError(404), undefined)).toBe('fallback');
    expect(classify(new Error('socket hang up'), undefined)).toBe('retry');
    expect(classify(new AuraError('IO_ERROR', 'budget'), undefined)).toBe('stop');
    expect(classify(apiError(429), AbortSignal.abort())).toBe('stop');
  });

  it('honours retry-after in seconds or as a date', () => {
    expect(retryAfterMs(apiError(429, { 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(apiError(429, { 'retry-after': new Date(Date.now() + 5000).toUTCString() }))).toBeGreaterThan(3000);
    expect(retryAfterMs(apiError(429))).toBeNull();
  });

  it('knows model families that cannot call tools', () => {
    expect(missingCapability({ provider: 'openai-compatible', model: 'gemma2:2b' }, { tools: true })).toMatch(/cannot call tools/);
    expect(missingCapability({ provider: 'openai-compatible', model: 'gemma2:2b' }, {})).toBeNull();
    expect(missingCapability({ provider: 'openai-compatible', model: 'qwen2.5-coder:7b' }, { tools: true })).toBeNull();
  });
});
