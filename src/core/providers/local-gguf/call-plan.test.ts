import { describe, expect, it } from '@jest/globals';
import { planCall } from './call-plan';
import type { CallOptions, FunctionTool } from './v3-types';

const prompt: CallOptions['prompt'] = [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }];
const read: FunctionTool = { type: 'function', name: 'read', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } };
const write: FunctionTool = { type: 'function', name: 'write', inputSchema: { type: 'object', properties: {} } };

describe('planCall', () => {
  it('passes the sampling settings under node-llama-cpp’s names', () => {
    const plan = planCall({ prompt, maxOutputTokens: 100, temperature: 0.7, topK: 40, topP: 0.9, seed: 7, stopSequences: ['END'], presencePenalty: 0.5 });
    expect(plan.sampling).toEqual({ maxTokens: 100, temperature: 0.7, topK: 40, topP: 0.9, seed: 7, customStopTriggers: ['END'], repeatPenalty: { presencePenalty: 0.5 } });
    expect(plan.functions).toBeUndefined();
    expect(plan.warnings).toEqual([]);
  });

  it('offers every function tool by default and keeps their schemas for the calls', () => {
    const plan = planCall({ prompt, tools: [read, write] });
    expect(Object.keys(plan.functions ?? {})).toEqual(['read', 'write']);
    expect(plan.inputSchemas.get('read')).toBe(read.inputSchema);
  });

  it('follows the tool choice as far as a local model can', () => {
    expect(planCall({ prompt, tools: [read], toolChoice: { type: 'none' } }).functions).toBeUndefined();
    const one = planCall({ prompt, tools: [read, write], toolChoice: { type: 'tool', toolName: 'write' } });
    expect(Object.keys(one.functions ?? {})).toEqual(['write']);
    expect(one.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'toolChoice tool' })]);
    expect(planCall({ prompt, tools: [read], toolChoice: { type: 'required' } }).warnings).toEqual([expect.objectContaining({ feature: 'toolChoice required' })]);
  });

  it('warns about what it cannot do rather than failing the call', () => {
    const plan = planCall({
      prompt,
      tools: [read, { type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} }],
      responseFormat: { type: 'json' },
    });
    expect(Object.keys(plan.functions ?? {})).toEqual(['read']);
    expect(plan.warnings.map((w) => (w.type === 'other' ? w.message : w.feature))).toEqual(['provider tool web_search', 'responseFormat json']);
  });
});
