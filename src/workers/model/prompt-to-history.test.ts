import { describe, expect, it } from '@jest/globals';
import { toChatHistory, toolResultValue } from './prompt-to-history';
import type { Prompt } from '../../shared/language-model-v3';

describe('toChatHistory', () => {
  it('maps system and user messages, joining a message’s text parts', () => {
    const prompt: Prompt = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hello' }, { type: 'text', text: 'there' }] },
    ];
    expect(toChatHistory(prompt)).toEqual({
      history: [
        { type: 'system', text: 'Be brief.' },
        { type: 'user', text: 'Hello\nthere' },
      ],
      warnings: [],
    });
  });

  it('keeps a tool call and its result in one model turn, with the answer that follows', () => {
    const prompt: Prompt = [
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need the tool.' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Oslo' } },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'c2', toolName: 'weather', output: { type: 'text', value: 'sunny' } },
          { type: 'tool-result', toolCallId: 'c1', toolName: 'weather', output: { type: 'json', value: { celsius: 3 } } },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'Cold in Oslo.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    ];
    expect(toChatHistory(prompt).history).toEqual([
      { type: 'user', text: 'Weather?' },
      {
        type: 'model',
        response: [
          { type: 'segment', segmentType: 'thought', text: 'Need the tool.', ended: true },
          'Checking.',
          { type: 'functionCall', name: 'weather', params: { city: 'Oslo' }, result: { celsius: 3 } },
          { type: 'functionCall', name: 'weather', params: { city: 'Paris' }, result: 'sunny' },
          'Cold in Oslo.',
        ],
      },
      { type: 'user', text: 'Thanks' },
    ]);
  });

  it('keeps a result whose call is not in the prompt as a call of its own', () => {
    const prompt: Prompt = [{ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'gone', toolName: 'read', output: { type: 'text', value: 'file text' } }] }];
    expect(toChatHistory(prompt).history).toEqual([{ type: 'model', response: [{ type: 'functionCall', name: 'read', params: undefined, result: 'file text' }] }]);
  });

  it('leaves files out with one warning', () => {
    const prompt: Prompt = [
      { role: 'user', content: [{ type: 'text', text: 'Look' }, { type: 'file', data: 'aGk=', mediaType: 'image/png' }] },
      { role: 'assistant', content: [{ type: 'file', data: 'aGk=', mediaType: 'image/png' }] },
    ];
    const { history, warnings } = toChatHistory(prompt);
    expect(history).toEqual([
      { type: 'user', text: 'Look' },
      { type: 'model', response: [] },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'file parts' })]);
  });
});

describe('toolResultValue', () => {
  it('gives the model each kind of tool output in words it can read', () => {
    expect(toolResultValue({ type: 'text', value: 'ok' })).toBe('ok');
    expect(toolResultValue({ type: 'json', value: [1, 2] })).toEqual([1, 2]);
    expect(toolResultValue({ type: 'error-text', value: 'no such file' })).toBe('Error: no such file');
    expect(toolResultValue({ type: 'error-json', value: { code: 404 } })).toEqual({ error: { code: 404 } });
    expect(toolResultValue({ type: 'execution-denied' })).toBe('The user denied this tool call.');
    expect(toolResultValue({ type: 'execution-denied', reason: 'too risky' })).toBe('The user denied this tool call: too risky');
    expect(toolResultValue({ type: 'content', value: [{ type: 'text', text: 'a chart' }, { type: 'image-data', data: 'aGk=', mediaType: 'image/png' }] })).toBe('a chart\n[image-data left out]');
  });
});
