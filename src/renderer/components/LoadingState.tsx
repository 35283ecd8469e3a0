import { useTranslation } from 'react-i18next';

/** A quiet placeholder while the first answer is on its way. */
export function LoadingState() {
  const { t } = useTranslation();
  return (
    <p className="loading-state" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}
