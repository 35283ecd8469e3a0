import { describe, expect, it } from '@jest/globals';
import { budgetUse } from './budget-meter';

describe('budget meter', () => {
  it('has nothing to show without a budget', () => {
    expect(budgetUse(4, null)).toBeNull();
  });

  it('fills by the share spent, to a tenth of a percent', () => {
    expect(budgetUse(0, 10)).toEqual({ percent: 0, over: false, high: false });
    expect(budgetUse(2.5, 10)).toEqual({ percent: 25, over: false, high: false });
    expect(budgetUse(1, 3)).toEqual({ percent: 33.3, over: false, high: false });
    expect(budgetUse(8, 10)).toEqual({ percent: 80, over: false, high: true });
  });

  it('is full, not over, exactly at the budget, and full and over past it', () => {
    expect(budgetUse(10, 10)).toEqual({ percent: 100, over: false, high: true });
    expect(budgetUse(15, 10)).toEqual({ percent: 100, over: true, high: true });
  });

  it('treats a zero budget as spent by any cost', () => {
    expect(budgetUse(0, 0)).toEqual({ percent: 0, over: false, high: false });
    expect(budgetUse(0.001, 0)).toEqual({ percent: 100, over: true, high: true });
  });
});
