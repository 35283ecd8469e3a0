import { z } from 'zod';
import { describeIssues } from '../../shared/errors';

/** The planner's answer: a short ordered plan. */
export const PlanReply = z.object({
  steps: z
    .array(z.object({ title: z.string().trim().min(1).max(200), detail: z.string().max(4000).default('') }))
    .min(1)
    .max(12),
});
export type PlanReply = z.infer<typeof PlanReply>;

/** The reviewer's answer: pass, or revise with reasons. */
export const ReviewReply = z.object({
  verdict: z.enum(['pass', 'revise']),
  reasons: z.array(z.string().max(2000)).max(10).default([]),
});
export type ReviewReply = z.infer<typeof ReviewReply>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * Reads a JSON object out of model text: tolerates code fences and prose around it, because models add
 * them; anything else is a problem the model is asked to repair.
 */
export function parseStructured<T>(text: string, schema: z.ZodType<T>): Parsed<T> {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1];
  const candidate = fenced ?? text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  let raw: unknown;
  try {
    raw = JSON.parse(candidate);
  } catch {
    return { ok: false, problem: 'The reply was not valid JSON.' };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: `The JSON did not match the schema: ${describeIssues(parsed.error)}.` };
}
