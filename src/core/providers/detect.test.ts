import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startScriptedLlm, type ScriptedLlm } from '../../../test/support/llm-server';
import { detectProviders } from './detect';

describe('detectProviders', () => {
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['llama3.2', 'qwen2.5-coder'] });
  });
  afterAll(() => llm.close());

  it('finds local servers that answer and keys in the environment, never reporting the key', async () => {
    const found = await detectProviders({ ANTHROPIC_API_KEY: 'sk-ant-secret', GEMINI_API_KEY: 'g-secret' }, { ollama: llm.baseUrl, lmstudio: 'http://127.0.0.1:1/v1' }, 500);
    expect(found).toEqual([
      { provider: 'openai-compatible', preset: 'ollama', baseUrl: llm.baseUrl, source: 'local-server', models: ['llama3.2', 'qwen2.5-coder'], label: 'Ollama' },
      expect.objectContaining({ provider: 'anthropic', source: 'environment' }),
      expect.objectContaining({ provider: 'google', source: 'environment' }),
    ]);
    expect(JSON.stringify(found)).not.toContain('secret');
  });

  it('finds nothing on a bare machine', async () => {
    expect(await detectProviders({}, { ollama: 'http://127.0.0.1:1/v1' }, 200)).toEqual([]);
  });
});
