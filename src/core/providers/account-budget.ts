import { AuraError } from '../../shared/errors';
import type { BudgetOverrun } from './provider-accounts';

const usd = (amount: number) => `$${amount.toFixed(2)}`;

/**
 * A provider account's monthly budget is spent: the task pauses (it does not fail) before the model call
 * that would pass it, and goes on when resumed after the budget is raised.
 */
export class AccountBudgetSpent extends AuraError {
  constructor(over: BudgetOverrun) {
    const name = /^[\w.-]+$/.test(over.account) ? over.account : JSON.stringify(over.account);
    super(
      'BUDGET_EXCEEDED',
      `The provider account "${over.account}" has spent its monthly budget: ${usd(over.spentUsd)} of ${usd(over.budgetUsd)} this month.`,
      `Raise the budget on the Providers page or with \`aura providers set ${name} --monthly-budget-usd N\`, then resume the task.`,
    );
    this.name = 'AccountBudgetSpent';
  }
}
