import { describe, expect, it } from '@jest/globals';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { ANY_JSON_OBJECT, planCall } from './call-plan';
import { toGbnfSchema } from './tool-schema';
import type { CallOptions, FunctionTool } from '../../shared/language-model-v3';

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
    expect(plan.warnings.map((w) => (w.type === 'other' ? w.message : w.feature))).toEqual(['provider tool web_search', 'responseFormat json with tools']);
  });
});

describe('planCall with a JSON response format', () => {
  /** A zod schema as Output.object hands it to the model. */
  const fromZod = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-7' }) as JSONSchema7;
  const answer = fromZod(z.object({ mood: z.enum(['happy', 'sad']), note: z.string().optional(), count: z.number().int() }));
  const system = (plan: ReturnType<typeof planCall>) => (plan.history[0]?.type === 'system' ? plan.history[0].text : undefined);

  it('holds the answer to the schema with a grammar derived from it, and says so in the prompt', () => {
    const plan = planCall({ prompt, responseFormat: { type: 'json', schema: answer, name: 'answer', description: 'How it went.' } });
    expect(plan.output).toEqual({
      grammar: {
        type: 'object',
        properties: { mood: { enum: ['happy', 'sad'] }, note: { oneOf: [{ type: 'string' }, { type: 'null' }] }, count: { type: 'integer' } },
        additionalProperties: false,
      },
      schema: answer,
    });
    expect(plan.output?.grammar).toEqual(toGbnfSchema(answer));
    // zod's bounds of a safe integer are no loss worth a warning.
    expect(plan.warnings).toEqual([]);
    expect(plan.functions).toBeUndefined();
    expect(plan.history).toEqual([
      { type: 'system', text: `How it went.\nJSON schema:\n${JSON.stringify(answer)}\nYou MUST answer with JSON that matches the JSON schema above.` },
      { type: 'user', text: 'Hi' },
    ]);
  });

  it('holds the answer to any JSON object when no schema is given, after the system prompt of the call', () => {
    const plan = planCall({ prompt: [{ role: 'system', content: 'Be brief.' }, ...prompt], responseFormat: { type: 'json' } });
    expect(plan.output).toEqual({ grammar: ANY_JSON_OBJECT, schema: undefined });
    expect(plan.warnings).toEqual([]);
    expect(system(plan)).toBe('Be brief.\n\nYou MUST answer with a JSON object.');
  });

  it('warns about what the grammar cannot enforce, and enforces the rest', () => {
    const plan = planCall({
      prompt,
      responseFormat: { type: 'json', schema: fromZod(z.object({ email: z.email(), score: z.number().min(0).max(5), tags: z.array(z.string()) })) },
    });
    expect(plan.output?.grammar).toMatchObject({ type: 'object', properties: { email: { type: 'string' }, score: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } } });
    expect(plan.warnings).toEqual([
      { type: 'compatibility', feature: 'responseFormat schema', details: 'The grammar holds the answer to the schema except for pattern, format email, minimum, maximum, which it does not enforce.' },
    ]);
  });

  it('offers the tools rather than a grammar when both are asked for, and warns', () => {
    const plan = planCall({ prompt, tools: [read], responseFormat: { type: 'json', schema: answer } });
    expect(plan.output).toBeUndefined();
    expect(Object.keys(plan.functions ?? {})).toEqual(['read']);
    expect(plan.warnings).toEqual([expect.objectContaining({ type: 'unsupported', feature: 'responseFormat json with tools' })]);
    // Still asked for in the prompt.
    expect(system(plan)).toContain(JSON.stringify(answer));

    const noTools = planCall({ prompt, tools: [read], toolChoice: { type: 'none' }, responseFormat: { type: 'json', schema: answer } });
    expect(noTools.output?.schema).toBe(answer);
    expect(noTools.warnings).toEqual([]);
  });

  it('leaves a text answer alone', () => {
    const plan = planCall({ prompt, responseFormat: { type: 'text' } });
    expect(plan.output).toBeUndefined();
    expect(plan.history).toEqual([{ type: 'user', text: 'Hi' }]);
  });
});
