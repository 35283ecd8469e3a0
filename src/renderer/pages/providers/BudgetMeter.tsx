import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../hooks/use-formatters';
import { budgetUse } from './budget-meter';

/** This month's spend, against the monthly budget when there is one; an overspent budget is said in words, not only in colour. */
export function BudgetMeter({ spentUsd, budgetUsd, accountName }: { spentUsd: number; budgetUsd: number | null; accountName: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const use = budgetUse(spentUsd, budgetUsd);
  const spent = format.usd(spentUsd);
  const text = budgetUsd === null ? t('providers.accounts.budget.noBudget', { spent }) : t('providers.accounts.budget.ofBudget', { spent, budget: format.usd(budgetUsd) });
  return (
    <div className="budget" data-testid="account-budget" data-spent={use?.spent ? 'true' : undefined}>
      <p className="budget__text">
        {text}
        {use?.spent && <span className="tag tag--danger">{t('providers.accounts.budget.spent')}</span>}
      </p>
      {use && budgetUsd !== null && (
        <meter
          className="budget__meter"
          min={0}
          max={100}
          low={80}
          high={100}
          optimum={0}
          value={use.percent}
          aria-label={t('providers.accounts.budget.meterLabel', { name: accountName })}
          aria-valuetext={text}
        />
      )}
    </div>
  );
}
