import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { ChevronIcon } from '../../components/NavIcon';

interface AuditPagerProps {
  page: number;
  pages: number;
  onPage(page: number): void;
}

export function AuditPager({ page, pages, onPage }: AuditPagerProps) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('audit.pager')}>
      <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1} data-testid="audit-prev">
        <ChevronIcon toward="start" />
        {t('audit.previous')}
      </Button>
      <p className="pager__position" aria-live="polite" data-testid="audit-page">
        {t('audit.page', { page, pages })}
      </p>
      <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pages} data-testid="audit-next">
        {t('audit.next')}
        <ChevronIcon toward="end" />
      </Button>
    </nav>
  );
}
