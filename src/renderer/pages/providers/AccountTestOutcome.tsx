import { useTranslation } from 'react-i18next';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFormatters } from '../../hooks/use-formatters';
import { isLocalAccount } from './account-display';
import { testAdvice } from './test-advice';
import type { AccountTestState } from './use-account-test';
import { UseForAllRoles } from './UseForAllRoles';

/** The result of a connection test: ok with its latency and models (and "Use for all roles"), or why not and what to do. */
export function AccountTestOutcome({ account, test, onRetry }: { account: ProviderAccount; test: AccountTestState; onRetry(): void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (test.state === 'failed') return <ErrorNotice error={test.error} onRetry={onRetry} testId="account-test-error" />;
  const result = test.state === 'done' ? test.result : null;
  const advice = result ? testAdvice(result, isLocalAccount(account)) : null;
  return (
    <div className="account-test">
      <div role="status" className="account-test__status" data-testid="account-test-result" data-ok={result ? String(result.ok) : undefined}>
        {test.state === 'running' && <p className="muted">{t('providers.accounts.test.running')}</p>}
        {result?.ok && (
          <p className="account-test__ok">
            {t('providers.accounts.test.ok', { latency: format.elapsed(result.latencyMs) })} {t('providers.accounts.test.models', { count: result.models.length })}
          </p>
        )}
        {result && !result.ok && (
          <div className="notice notice--error account-test__failed">
            <div className="notice__body">
              <p className="notice__message">{t('providers.accounts.test.failed', { latency: format.elapsed(result.latencyMs) })}</p>
              <p dir="auto" className="account-test__message" data-testid="account-test-message">
                {result.message}
              </p>
              {advice && <p className="notice__hint">{t(`providers.accounts.test.advice.${advice}`)}</p>}
            </div>
          </div>
        )}
      </div>
      {result?.ok && <UseForAllRoles account={account} models={result.models} />}
    </div>
  );
}
