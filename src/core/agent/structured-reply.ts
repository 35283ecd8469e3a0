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
 * Reads a JSON object out of model text. Native structured output gives bare JSON; a model asked in the
 * prompt often wraps it in prose or a code fence, and its strings may hold fences of their own ("run
 * this: ```sh …```"), so objects are found by balanced braces outside strings, never by fence pairs.
 * The first candidate that matches the schema wins; otherwise the problem names what to repair.
 */
export function parseStructured<T>(text: string, schema: z.ZodType<T>): Parsed<T> {
  let firstProblem: string | null = null;
  for (const candidate of jsonCandidates(text)) {
    let raw: unknown;
    try {
      raw = JSON.parse(candidate);
    } catch {
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { ok: true, value: parsed.data };
    firstProblem ??= `The JSON did not match the schema: ${describeIssues(parsed.error)}.`;
  }
  return { ok: false, problem: firstProblem ?? 'The reply was not valid JSON.' };
}

/** Bounds the scan: model text is untrusted and may be long or full of braces. */
const MAX_SCAN = 200_000;
const MAX_CANDIDATES = 50;
/** Characters the brace scans may read in all: unclosed braces would otherwise make it quadratic. */
const SCAN_BUDGET = 2_000_000;

/** The whole text, then every balanced `{…}` span (strings and escapes respected), outermost first. */
function* jsonCandidates(text: string): Generator<string> {
  const source = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  yield source.trim();
  let tried = 0;
  const budget = { left: SCAN_BUDGET };
  for (let start = source.indexOf('{'); start !== -1 && tried < MAX_CANDIDATES && budget.left > 0; start = source.indexOf('{', start + 1)) {
    const end = balancedEnd(source, start, budget);
    if (end === -1) continue;
    tried += 1;
    yield source.slice(start, end + 1);
  }
}

/** Index of the brace closing the object opened at `start`, or -1; spends from the shared budget. */
function balancedEnd(text: string, start: number, budget: { left: number }): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    if ((budget.left -= 1) < 0) return -1;
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}
