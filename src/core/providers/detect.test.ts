import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startScriptedLlm, type ScriptedLlm } from '../../../test/support/llm-server';
import { customBaseUrl, detectProviders } from './detect';

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

describe('detectProviders at custom addresses', () => {
  it('finds a server on a port the user names, and knocks on this machine only', async () => {
    const llm = await startScriptedLlm({ models: ['custom-model'] });
    try {
      const address = `localhost:${llm.port}`;
      const found = await detectProviders({}, {}, 500, [address, 'http://127.0.0.1:1']);
      expect(found).toEqual([{ provider: 'openai-compatible', baseUrl: `http://localhost:${llm.port}/v1`, source: 'local-server', models: ['custom-model'], label: `Local server on port ${llm.port}` }]);
    } finally {
      await llm.close();
    }
    expect(customBaseUrl('http://127.0.0.1:9000/api/v1/')).toBe('http://127.0.0.1:9000/api/v1');
    expect(() => customBaseUrl('http://example.com:8080/v1')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as unknown as Error);
    expect(() => customBaseUrl('file:///etc/passwd')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as unknown as Error);
  });
});
