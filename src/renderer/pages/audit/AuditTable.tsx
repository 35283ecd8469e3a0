import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/contract';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../hooks/use-formatters';
import { fullDetail, summarizeDetail } from './detail-summary';

interface AuditTableProps {
  entries: readonly AuditEntry[];
  /** A newer page is loading: the rows stay, dimmed, instead of jumping to a spinner. */
  busy: boolean;
  emptyText: string;
}

export function AuditTable({ entries, busy, emptyText }: AuditTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (entries.length === 0) return <EmptyState testId="audit-empty">{emptyText}</EmptyState>;
  return (
    // Focusable so keyboard users can scroll the table sideways on narrow windows.
    <div className="table-scroll" role="region" aria-label={t('audit.caption')} tabIndex={0}>
      <table className="table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="table__numeric">
              {t('audit.columns.seq')}
            </th>
            <th scope="col">{t('audit.columns.time')}</th>
            <th scope="col">{t('audit.columns.actor')}</th>
            <th scope="col">{t('audit.columns.action')}</th>
            <th scope="col">{t('audit.columns.target')}</th>
            <th scope="col">{t('audit.columns.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq} data-testid="audit-row">
              <td className="table__numeric">{format.number(entry.seq)}</td>
              <td className="table__nowrap">
                <time dateTime={entry.ts}>{format.dateTime(entry.ts)}</time>
              </td>
              <td>
                <bdi>{entry.actor}</bdi>
              </td>
              <td>
                <span className="tag tag--code">{entry.action}</span>
              </td>
              <td className="table__target" title={entry.target ?? undefined}>
                <bdi>{entry.target ?? ''}</bdi>
              </td>
              <td className="table__detail" title={fullDetail(entry.detail)}>
                <bdi>{summarizeDetail(entry.detail)}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
