import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoadingState } from '../components/LoadingState';
import { PageHeader } from '../components/PageHeader';
import { useCoalescedCallback } from '../hooks/use-coalesced-callback';
import { useDebouncedValue } from '../hooks/use-debounced-value';
import { useEvent } from '../hooks/use-event';
import { useProcedure } from '../hooks/use-procedure';
import { AuditFilters } from './audit/AuditFilters';
import { Pager } from '../components/Pager';
import { AuditTable } from './audit/AuditTable';
import { ChainVerifier } from './audit/ChainVerifier';
import { NewEntriesNotice } from './audit/NewEntriesNotice';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;
const REFRESH_DELAY_MS = 150;

export function AuditLogPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);

  // The page number belongs to one set of filters: when they change, the view starts again at page 1.
  const filterKey = JSON.stringify([action, query]);
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const [missedEntries, setMissedEntries] = useState(false);
  const goTo = (next: number) => {
    setPaging({ filterKey, page: next });
    if (next === 1) setMissedEntries(false);
  };

  const list = useProcedure('audit.list', {
    page,
    pageSize: PAGE_SIZE,
    ...(action ? { action } : {}),
    ...(query ? { query } : {}),
  });
  const actions = useProcedure('audit.actions', {});
  const updateActions = actions.update;
  const refresh = useCoalescedCallback(list.reload, REFRESH_DELAY_MS);

  useEvent('audit.appended', (entry) => {
    updateActions((known) => (known && !known.includes(entry.action) ? [...known, entry.action].sort() : known));
    // Only the first page shows the newest entries; elsewhere a refresh would shift rows under the reader.
    if (page === 1) refresh();
    else setMissedEntries(true);
  });

  const data = list.data;
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  const filtered = action !== '' || query !== '';

  return (
    <div className="page page--wide">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <ChainVerifier />
      <AuditFilters
        actions={actions.data ?? []}
        action={action}
        onActionChange={setAction}
        search={search}
        onSearchChange={setSearch}
        total={data?.total}
      />
      {actions.error !== null && <ErrorNotice error={actions.error} onRetry={actions.reload} />}
      {list.error !== null && <ErrorNotice error={list.error} onRetry={list.reload} testId="audit-error" />}
      {missedEntries && page !== 1 && <NewEntriesNotice onShow={() => goTo(1)} />}
      {data === undefined && list.loading ? (
        <LoadingState />
      ) : (
        data && (
          <>
            <AuditTable entries={data.entries} busy={list.loading} emptyText={filtered ? t('audit.empty') : t('audit.emptyLog')} />
            <Pager
              page={Math.min(page, pages)}
              pages={pages}
              onPage={goTo}
              labels={{ nav: t('audit.pager'), previous: t('audit.previous'), next: t('audit.next'), position: t('audit.page', { page: Math.min(page, pages), pages }) }}
              testIds={{ previous: 'audit-prev', next: 'audit-next', position: 'audit-page' }}
            />
          </>
        )
      )}
    </div>
  );
}
