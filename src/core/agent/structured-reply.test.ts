import { describe, expect, it } from '@jest/globals';
import { parseStructured, PlanReply, ReviewReply } from './structured-reply';

describe('parseStructured', () => {
  it('reads JSON with code fences or prose around it', () => {
    expect(parseStructured('```json\n{"steps":[{"title":"A"}]}\n```', PlanReply)).toEqual({ ok: true, value: { steps: [{ title: 'A', detail: '' }] } });
    expect(parseStructured('Here you go: {"verdict":"pass"} — done.', ReviewReply)).toEqual({ ok: true, value: { verdict: 'pass', reasons: [] } });
  });

  it('names the problem so the model can repair it', () => {
    expect(parseStructured('no json here', PlanReply)).toEqual({ ok: false, problem: 'The reply was not valid JSON.' });
    expect(parseStructured('{"steps":[]}', PlanReply)).toMatchObject({ ok: false, problem: expect.stringContaining('steps') });
    expect(parseStructured('{"verdict":"maybe"}', ReviewReply)).toMatchObject({ ok: false, problem: expect.stringContaining('verdict') });
    expect(parseStructured('{"steps":[{"title":"A"}', PlanReply)).toMatchObject({ ok: false });
  });
});

describe('parseStructured with fences and prose', () => {
  const plan = { steps: [{ title: 'Run it', detail: 'Run this:\n```sh\nnpm test\n```\nthen ```cat out.txt```.' }] };

  it('keeps code fences inside JSON strings', () => {
    expect(parseStructured(JSON.stringify(plan), PlanReply)).toEqual({ ok: true, value: plan });
    expect(parseStructured(`Here is the plan:\n\`\`\`json\n${JSON.stringify(plan, null, 2)}\n\`\`\`\nDone.`, PlanReply)).toEqual({ ok: true, value: plan });
  });

  it('skips braces in prose before the object and takes the first candidate that matches', () => {
    const text = `Steps {roughly}: think, then act. ${JSON.stringify({ note: 'x' })} and finally ${JSON.stringify(plan)}`;
    expect(parseStructured(text, PlanReply)).toEqual({ ok: true, value: plan });
  });

  it('names the schema problem of the first object when none matches', () => {
    expect(parseStructured('Answer: {"steps": "none"}', PlanReply)).toMatchObject({ ok: false, problem: expect.stringContaining('steps') });
  });

  it('gives up on hostile text full of unclosed braces instead of scanning it again from every brace', () => {
    // Unbounded, this is 5·10⁹ character reads; the scan budget stops it after 2·10⁶.
    expect(parseStructured(`${'{'.repeat(100_000)}${JSON.stringify(plan)}`, PlanReply)).toEqual({ ok: false, problem: 'The reply was not valid JSON.' });
  });
});
