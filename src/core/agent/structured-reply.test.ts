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
