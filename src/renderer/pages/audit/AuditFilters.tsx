import { useTranslation } from 'react-i18next';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';

interface AuditFiltersProps {
  actions: readonly string[];
  action: string;
  onActionChange(action: string): void;
  search: string;
  onSearchChange(search: string): void;
  total: number | undefined;
}

export function AuditFilters({ actions, action, onActionChange, search, onSearchChange, total }: AuditFiltersProps) {
  const { t } = useTranslation();
  return (
    <div className="toolbar" role="search" aria-label={t('audit.filters')}>
      <Select label={t('audit.filterAction')} value={action} onChange={(event) => onActionChange(event.target.value)} testId="audit-filter-action">
        <option value="">{t('audit.allActions')}</option>
        {actions.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </Select>
      <TextField
        type="search"
        label={t('audit.search')}
        placeholder={t('audit.searchPlaceholder')}
        value={search}
        onChange={(event) => onSearchChange(event.target.value)}
        maxLength={200}
        autoComplete="off"
        className="input input--search"
        testId="audit-search"
      />
      {total !== undefined && (
        <p className="toolbar__summary" data-testid="audit-total">
          {t('audit.total', { count: total })}
        </p>
      )}
    </div>
  );
}
