/** How much of a monthly budget is spent: the meter's fill (0–100) and whether it is over. */
export interface BudgetUse {
  /** Filled share of the meter, clamped to 0–100 so an overspent budget shows a full bar. */
  percent: number;
  /** The budget is spent (reached or passed): the engine pauses the account's next call, as it does. */
  spent: boolean;
  /** At 80 % or more: worth a look before it runs out. */
  high: boolean;
}

/** Null when the account has no budget. A zero budget allows nothing: it is spent from the start. */
export function budgetUse(spentUsd: number, budgetUsd: number | null): BudgetUse | null {
  if (budgetUsd === null) return null;
  const spent = Math.max(0, spentUsd);
  if (budgetUsd <= 0) return { percent: 100, spent: true, high: true };
  const ratio = spent / budgetUsd;
  return { percent: Math.min(100, Math.round(ratio * 1000) / 10), spent: ratio >= 1, high: ratio >= 0.8 };
}
