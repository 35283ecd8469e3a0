import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workspace } from '../../../shared/contract';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { useClient } from '../../hooks/use-client';
import { useFormatters } from '../../hooks/use-formatters';
import type { ProcedureState } from '../../hooks/use-procedure';

interface WorkspaceListProps {
  workspaces: ProcedureState<Workspace[]>;
  defaultWorkspaceId: string | null;
}

export function WorkspaceList({ workspaces, defaultWorkspaceId }: WorkspaceListProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const [removeError, setRemoveError] = useState<unknown>(null);
  const { data, error, loading, reload } = workspaces;

  const remove = async (workspace: Workspace) => {
    setRemoveError(null);
    setRemoving((current) => new Set(current).add(workspace.id));
    try {
      await client.call('workspaces.remove', { id: workspace.id });
      reload();
    } catch (err) {
      setRemoveError(err);
    } finally {
      setRemoving((current) => {
        const next = new Set(current);
        next.delete(workspace.id);
        return next;
      });
    }
  };

  return (
    <div className="workspace-list">
      {error !== null && <ErrorNotice error={error} onRetry={reload} testId="workspaces-error" />}
      {removeError !== null && <ErrorNotice error={removeError} testId="workspace-remove-error" />}
      {data === undefined && loading && <LoadingState />}
      {data?.length === 0 && <EmptyState testId="workspaces-empty">{t('dashboard.workspaces.empty')}</EmptyState>}
      {data !== undefined && data.length > 0 && (
        <ul className="row-list">
          {data.map((workspace) => (
            <WorkspaceRow
              key={workspace.id}
              workspace={workspace}
              isDefault={workspace.id === defaultWorkspaceId}
              removing={removing.has(workspace.id)}
              onRemove={() => void remove(workspace)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

interface WorkspaceRowProps {
  workspace: Workspace;
  isDefault: boolean;
  removing: boolean;
  onRemove: () => void;
}

function WorkspaceRow({ workspace, isDefault, removing, onRemove }: WorkspaceRowProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <li className="workspace-row" data-testid="workspace-row">
      <svg className="workspace-row__icon icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M3.5 6.5a1 1 0 0 1 1-1h4.6l2 2.2h8.4a1 1 0 0 1 1 1v9.8a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1z" />
      </svg>
      <div className="workspace-row__main">
        <p className="workspace-row__name">
          <span data-testid="workspace-row-name">{workspace.name}</span>
          {isDefault && <span className="tag tag--accent">{t('dashboard.workspaces.default')}</span>}
        </p>
        <p className="workspace-row__path">
          <bdi dir="ltr">{workspace.path}</bdi>
        </p>
        <p className="workspace-row__meta">
          {t('dashboard.workspaces.added', { date: format.date(workspace.createdAt) })}
        </p>
      </div>
      <Button
        size="sm"
        variant="danger"
        onClick={onRemove}
        disabled={removing}
        busy={removing}
        aria-label={t('dashboard.workspaces.removeLabel', { name: workspace.name })}
        data-testid="workspace-remove"
      >
        {removing ? t('dashboard.workspaces.removing') : t('dashboard.workspaces.remove')}
      </Button>
    </li>
  );
}
