import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { useSettings } from '../hooks/use-settings';
import { AccountsPanel } from './providers/AccountsPanel';
import { ApiKeysNotice } from './providers/ApiKeysNotice';
import { DetectProviders } from './providers/DetectProviders';
import { RouteEditor } from './providers/RouteEditor';
import { ProviderAccountsContext, useProviderAccountsSource } from './providers/use-provider-accounts';

/**
 * Provider accounts (keys sealed in the vault), what is found on this machine, and which model plans,
 * executes and reviews (with fallbacks).
 */
export function ProvidersPage() {
  const { t } = useTranslation();
  const { settings, error, reload } = useSettings();
  const accounts = useProviderAccountsSource();
  return (
    <ProviderAccountsContext.Provider value={accounts}>
      <div className="page">
        <PageHeader title={t('providers.title')} subtitle={t('providers.subtitle')} />
        <AccountsPanel />
        <DetectProviders />
        <ApiKeysNotice />
        {settings ? (
          <RouteEditor routes={settings.modelRoutes} />
        ) : error !== null ? (
          <ErrorNotice error={error} title={t('errors.settingsUnavailable')} onRetry={reload} testId="routes-load-error" />
        ) : (
          <LoadingState />
        )}
      </div>
    </ProviderAccountsContext.Provider>
  );
}
