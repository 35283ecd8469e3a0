import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { useSettings } from '../hooks/use-settings';
import { ApiKeysNotice } from './providers/ApiKeysNotice';
import { DetectProviders } from './providers/DetectProviders';
import { RouteEditor } from './providers/RouteEditor';

/** Finds model providers and sets which model plans, executes and reviews (with fallbacks). */
export function ProvidersPage() {
  const { t } = useTranslation();
  const { settings, error, reload } = useSettings();
  return (
    <div className="page">
      <PageHeader title={t('providers.title')} subtitle={t('providers.subtitle')} />
      <ApiKeysNotice />
      <DetectProviders />
      {settings ? (
        <RouteEditor routes={settings.modelRoutes} />
      ) : error !== null ? (
        <ErrorNotice error={error} title={t('errors.settingsUnavailable')} onRetry={reload} testId="routes-load-error" />
      ) : (
        <LoadingState />
      )}
    </div>
  );
}
