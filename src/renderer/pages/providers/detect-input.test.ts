import { describe, expect, it } from '@jest/globals';
import { customUrls, keyVariablesOf } from './detect-input';

describe('another port', () => {
  it('reads ports and addresses, separated by commas or spaces, without repeats', () => {
    expect(customUrls('')).toEqual([]);
    expect(customUrls(' 9000 ')).toEqual(['127.0.0.1:9000']);
    expect(customUrls('9000, http://localhost:5000/v1  9000')).toEqual(['127.0.0.1:9000', 'http://localhost:5000/v1']);
  });

  it('sends no more than the contract takes', () => {
    expect(customUrls(Array.from({ length: 12 }, (_, i) => String(9000 + i)).join(' '))).toHaveLength(8);
  });
});

describe('environment keys', () => {
  it('names the variables a key was found in, and none for a local server', () => {
    expect(keyVariablesOf({ provider: 'openai', source: 'environment', models: [], label: 'OpenAI' })).toEqual(['OPENAI_API_KEY']);
    expect(keyVariablesOf({ provider: 'google', source: 'environment', models: [], label: 'Google' })).toEqual(['GOOGLE_GENERATIVE_AI_API_KEY', 'GEMINI_API_KEY']);
    expect(keyVariablesOf({ provider: 'openai-compatible', preset: 'openrouter', source: 'environment', models: [], label: 'OpenRouter' })).toEqual(['OPENROUTER_API_KEY']);
    expect(keyVariablesOf({ provider: 'openai-compatible', preset: 'ollama', source: 'local-server', models: [], label: 'Ollama' })).toEqual([]);
  });
});
