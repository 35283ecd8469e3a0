import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { ChevronIcon } from '../../components/NavIcon';

interface TaskListPagerProps {
  page: number;
  pages: number;
  onPage(page: number): void;
}

/** Newer and older pages of the task list (page 1 holds the newest tasks). */
export function TaskListPager({ page, pages, onPage }: TaskListPagerProps) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('tasks.list.pager')}>
      <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1} data-testid="tasks-newer">
        <ChevronIcon toward="start" />
        {t('tasks.list.newer')}
      </Button>
      <p className="pager__position" aria-live="polite">
        {t('tasks.list.page', { page, pages })}
      </p>
      <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pages} data-testid="tasks-older">
        {t('tasks.list.older')}
        <ChevronIcon toward="end" />
      </Button>
    </nav>
  );
}
