import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';

/** Shown on later pages instead of reshuffling them when entries arrive. */
export function NewEntriesNotice({ onShow }: { onShow: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--info" role="status" data-testid="audit-new-entries">
      <p className="notice__message">{t('audit.newEntries')}</p>
      <Button size="sm" variant="secondary" className="notice__action" onClick={onShow}>
        {t('audit.showNewest')}
      </Button>
    </div>
  );
}
