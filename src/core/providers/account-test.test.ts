import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateText } from 'ai';
import { startScriptedLlm, type ScriptedLlm } from '../../../test/support/llm-server';
import { testAccountConnection } from './account-test';
import { createLanguageModel } from './model-factory';
import type { AccountCredentials } from './provider-accounts';

const KEY = 'sk-test-account-key-9f8e7d6c5b4a';
const account = (over: Partial<AccountCredentials>): AccountCredentials => ({ id: '3f6c9b1e-2a4d-4c8e-9b7a-1d2e3f4a5b6c', name: 'test', provider: 'openai-compatible', preset: null, baseUrl: null, apiKey: KEY, ...over });

/** A loopback server that answers every request with `status` and `body(request headers)`. */
async function answering(status: number, body: (headers: Record<string, unknown>) => string): Promise<{ url: string; seen: Record<string, unknown>[]; close(): Promise<void> }> {
  const seen: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url, ...req.headers });
    res.writeHead(status, { 'content-type': 'application/json' }).end(body(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('testAccountConnection', () => {
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['llama3.2', 'qwen2.5-coder'], turns: [{ text: 'hello from the account' }] });
  });
  afterAll(() => llm.close());

  it('lists the models of an OpenAI-compatible server, sending the key as a Bearer token', async () => {
    const result = await testAccountConnection(account({ baseUrl: llm.baseUrl }));
    expect(result).toMatchObject({ ok: true, models: ['llama3.2', 'qwen2.5-coder'], message: 'Connected: 2 models.' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(llm.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models', headers: expect.objectContaining({ authorization: `Bearer ${KEY}` }) });
  });

  it('speaks each provider\'s own format: Anthropic headers, Google\'s key header (never in the URL)', async () => {
    const server = await answering(200, () => JSON.stringify({ data: [{ id: 'claude-x' }], models: [{ name: 'models/gemini-x' }] }));
    try {
      expect(await testAccountConnection(account({ provider: 'anthropic', baseUrl: server.url }))).toMatchObject({ ok: true, models: ['claude-x'] });
      expect(server.seen[0]).toMatchObject({ 'x-api-key': KEY, 'anthropic-version': '2023-06-01' });
      expect(await testAccountConnection(account({ provider: 'google', baseUrl: server.url }))).toMatchObject({ ok: true, models: ['claude-x'] });
      expect(server.seen[1]).toMatchObject({ 'x-goog-api-key': KEY });
      expect(JSON.stringify(server.seen.map((s) => s.url))).not.toContain(KEY);
    } finally {
      await server.close();
    }
  });

  it('reports a refused key without a single copy of the key, even when the server repeats it', async () => {
    const server = await answering(401, (headers) => JSON.stringify({ error: { message: `Incorrect API key provided: ${String(headers.authorization).slice(7)}. Find yours at example.com.` } }));
    try {
      const result = await testAccountConnection(account({ baseUrl: server.url }));
      expect(result).toMatchObject({ ok: false, models: [], message: expect.stringContaining('the key was refused') });
      expect(JSON.stringify(result)).not.toContain(KEY);
      expect(JSON.stringify(result)).not.toContain(KEY.slice(3));
    } finally {
      await server.close();
    }
  });

  it('says when nothing answers, within its time bound', async () => {
    expect(await testAccountConnection(account({ baseUrl: 'http://127.0.0.1:9/v1' }))).toMatchObject({ ok: false, message: expect.stringContaining('Could not reach') });
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
      expect(await testAccountConnection(account({ baseUrl: url }), 200)).toMatchObject({ ok: false, message: expect.stringContaining('No answer') });
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('builds a model from an account: its endpoint and its key, whatever the route says', async () => {
    globalThis.AI_SDK_LOG_WARNINGS = false;
    const credentials = account({ baseUrl: llm.baseUrl });
    const accounts = {
      credentials: (id: string) => {
        if (id !== credentials.id) throw new Error(`unknown account ${id}`);
        return credentials;
      },
    };
    // The route names another provider and endpoint: the account's win, and no environment key is used.
    const model = await createLanguageModel({ provider: 'openai', model: 'llama3.2', baseUrl: 'https://api.openai.com/v1', account: credentials.id }, { OPENAI_API_KEY: 'sk-env-key-should-not-be-sent' }, undefined, accounts);
    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(text).toBe('hello from the account');
    const request = llm.requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', model: 'llama3.2' });
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.stringify(llm.requests)).not.toContain('sk-env-key');
    await expect(createLanguageModel({ provider: 'openai', model: 'm', account: credentials.id }, {})).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(createLanguageModel({ provider: 'anthropic', model: 'm', account: credentials.id }, {}, undefined, { credentials: () => ({ ...credentials, provider: 'anthropic', baseUrl: null, apiKey: null }) })).rejects.toMatchObject({ code: 'PROVIDER_AUTH' });
  });
});
