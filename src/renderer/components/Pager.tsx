import { Button } from './Button';
import { ChevronIcon } from './NavIcon';

interface PagerProps {
  page: number;
  pages: number;
  onPage(page: number): void;
  /** Translated texts: the navigation's name, the two buttons and the position ("Page 2 of 5"). */
  labels: { nav: string; previous: string; next: string; position: string };
  testIds: { previous: string; next: string; position?: string };
}

/** Previous and next pages of a list, with where the user is. */
export function Pager({ page, pages, onPage, labels, testIds }: PagerProps) {
  return (
    <nav className="pager" aria-label={labels.nav}>
      <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1} data-testid={testIds.previous}>
        <ChevronIcon toward="start" />
        {labels.previous}
      </Button>
      <p className="pager__position" aria-live="polite" data-testid={testIds.position}>
        {labels.position}
      </p>
      <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pages} data-testid={testIds.next}>
        {labels.next}
        <ChevronIcon toward="end" />
      </Button>
    </nav>
  );
}
