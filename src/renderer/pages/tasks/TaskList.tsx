import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TaskStatus } from '../../../shared/tasks';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { TaskListRow } from './TaskListRow';
import { useTaskList } from './use-task-list';
import { Pager } from '../../components/Pager';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;
const ALL = '';

/** Every task, newest first, with a status filter and a search of the goals; live while tasks run. */
export function TaskList({ selectedId }: { selectedId: string | null }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TaskStatus | typeof ALL>(ALL);
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);

  // The page number belongs to one set of filters: when they change, the list starts again at page 1.
  const filterKey = JSON.stringify([status, query]);
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const { data, error, loading, reload } = useTaskList({ page, pageSize: PAGE_SIZE, ...(status ? { status } : {}), ...(query ? { query } : {}) });
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  const filtered = status !== ALL || query !== '';

  return (
    <Panel
      title={t('tasks.list.title')}
      className="task-list"
      actions={data !== undefined && <span className="count-badge">{t('tasks.list.count', { count: data.total })}</span>}
    >
      <div className="task-list__filters" role="search" aria-label={t('tasks.list.filters')}>
        <Select
          label={t('tasks.list.status')}
          value={status}
          onChange={(event) => {
            const value = TaskStatus.safeParse(event.target.value);
            setStatus(value.success ? value.data : ALL);
          }}
          testId="tasks-filter-status"
        >
          <option value={ALL}>{t('tasks.list.allStatuses')}</option>
          {TaskStatus.options.map((option) => (
            <option key={option} value={option}>
              {t(`tasks.status.${option}`)}
            </option>
          ))}
        </Select>
        <TextField
          type="search"
          label={t('tasks.list.search')}
          placeholder={t('tasks.list.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          maxLength={200}
          autoComplete="off"
          className="input input--search"
          testId="tasks-search"
        />
      </div>
      {error !== null && <ErrorNotice error={error} onRetry={reload} testId="tasks-error" />}
      {data === undefined && loading && <LoadingState />}
      {data?.tasks.length === 0 && <EmptyState testId="tasks-empty">{filtered ? t('tasks.list.noMatch') : t('tasks.list.empty')}</EmptyState>}
      {data !== undefined && data.tasks.length > 0 && (
        <ul className="row-list task-list__rows" aria-busy={loading || undefined}>
          {data.tasks.map((task) => (
            <TaskListRow key={task.id} task={task} selected={task.id === selectedId} />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <Pager
          page={Math.min(page, pages)}
          pages={pages}
          onPage={(next) => setPaging({ filterKey, page: next })}
          labels={{ nav: t('tasks.list.pager'), previous: t('tasks.list.newer'), next: t('tasks.list.older'), position: t('tasks.list.page', { page: Math.min(page, pages), pages }) }}
          testIds={{ previous: 'tasks-newer', next: 'tasks-older' }}
        />
      )}
    </Panel>
  );
}
