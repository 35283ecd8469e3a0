import { describe, expect, it } from '@jest/globals';
import { budgetUse } from './budget-meter';

describe('budget meter', () => {
  it('has nothing to show without a budget', () => {
    expect(budgetUse(4, null)).toBeNull();
  });

  it('fills by the share spent, to a tenth of a percent', () => {
    expect(budgetUse(0, 10)).toEqual({ percent: 0, spent: false, high: false });
    expect(budgetUse(2.5, 10)).toEqual({ percent: 25, spent: false, high: false });
    expect(budgetUse(1, 3)).toEqual({ percent: 33.3, spent: false, high: false });
    expect(budgetUse(8, 10)).toEqual({ percent: 80, spent: false, high: true });
  });

  it('is full and spent at the budget, where the engine pauses, and past it', () => {
    expect(budgetUse(9.99, 10)).toEqual({ percent: 99.9, spent: false, high: true });
    expect(budgetUse(10, 10)).toEqual({ percent: 100, spent: true, high: true });
    expect(budgetUse(15, 10)).toEqual({ percent: 100, spent: true, high: true });
  });

  it('treats a zero budget as spent from the start, as the engine does', () => {
    expect(budgetUse(0, 0)).toEqual({ percent: 100, spent: true, high: true });
    expect(budgetUse(0.001, 0)).toEqual({ percent: 100, spent: true, high: true });
  });
});
