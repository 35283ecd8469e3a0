import { describe, expect, it } from '@jest/globals';
import { planPreview } from './plan-preview';

describe('planPreview', () => {
  const plan = JSON.stringify({ steps: [{ title: 'Write "hello.txt"', detail: 'x' }, { title: 'Check the file', detail: 'y' }] });

  it('reads every title of a finished plan, escapes decoded', () => {
    expect(planPreview(plan)).toEqual(['Write "hello.txt"', 'Check the file']);
  });

  it('shows the titles written so far at every cut of the stream, never raw escapes', () => {
    for (let at = 0; at <= plan.length; at += 1) {
      const titles = planPreview(plan.slice(0, at));
      expect(titles.length).toBeLessThanOrEqual(2);
      for (const title of titles) expect(title).not.toMatch(/\\/);
      if (titles[0]) expect('Write "hello.txt"'.startsWith(titles[0])).toBe(true);
    }
  });

  it('finds nothing in text that is not a plan', () => {
    expect(planPreview('Sure! Here is my plan')).toEqual([]);
    expect(planPreview('{"steps":[{"title":"')).toEqual([]);
  });
});
