import { useTranslation } from 'react-i18next';
import type { ModelRole } from '../../../shared/providers';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ModelRefFields } from './ModelRefFields';
import { emptyDraftRef, MAX_REFS_PER_ROLE, moveItem, type DraftRef } from './route-draft';

interface RoleRoutesProps {
  role: ModelRole;
  refs: DraftRef[];
  onChange(refs: DraftRef[]): void;
}

/** The models of one role, in the order they are tried: the first that answers serves, the others are fallbacks. */
export function RoleRoutes({ role, refs, onChange }: RoleRoutesProps) {
  const { t } = useTranslation();
  const roleName = t(`tasks.roles.${role}`);
  return (
    <fieldset className="role-routes" data-testid={`route-role-${role}`}>
      <legend className="role-routes__legend">{roleName}</legend>
      <p className="role-routes__help">{t(`providers.routes.roleHelp.${role}`)}</p>
      {refs.length === 0 ? (
        <EmptyState>{t('providers.routes.noModels')}</EmptyState>
      ) : (
        <ol className="role-routes__list">
          {refs.map((ref, index) => (
            <ModelRefFields
              key={ref.key}
              value={ref}
              position={index + 1}
              count={refs.length}
              roleName={roleName}
              onChange={(next) => onChange(refs.map((existing) => (existing.key === ref.key ? next : existing)))}
              onMove={(offset) => onChange(moveItem(refs, index, offset))}
              onRemove={() => onChange(refs.filter((existing) => existing.key !== ref.key))}
            />
          ))}
        </ol>
      )}
      <Button size="sm" onClick={() => onChange([...refs, emptyDraftRef()])} disabled={refs.length >= MAX_REFS_PER_ROLE} data-testid={`route-add-${role}`}>
        {refs.length === 0 ? t('providers.routes.add') : t('providers.routes.addFallback')}
      </Button>
    </fieldset>
  );
}
