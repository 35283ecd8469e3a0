import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionProfileDoc } from '../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useProcedure } from '../../hooks/use-procedure';
import { ProfileEditor } from './approvals/ProfileEditor';
import { ProfileList } from './approvals/ProfileList';
import { ToolList } from './ToolList';

/** How much the agent may do without asking: the permission profiles (which one new tasks get, custom ones edited here), and the tools. */
export function ApprovalsSettings() {
  const { t } = useTranslation();
  const list = useProcedure('profiles.list', {});
  const [editing, setEditing] = useState<PermissionProfileDoc | null>(null);

  return (
    <div className="stack">
      <Panel title={t('approvals.settings.title')} description={t('approvals.settings.description')}>
        {list.data ? (
          <ProfileList
            active={list.data.active}
            profiles={list.data.profiles}
            onChanged={list.reload}
            onEdit={setEditing}
            onRemoved={(id) => setEditing((current) => (current?.id === id ? null : current))}
          />
        ) : list.error !== null ? (
          <ErrorNotice error={list.error} onRetry={list.reload} testId="profiles-error" />
        ) : (
          <LoadingState />
        )}
      </Panel>
      {editing && (
        // Keyed by profile: another profile's editor starts from that profile, not from this one's edits.
        <ProfileEditor
          key={editing.id}
          profile={editing}
          onSaved={(saved) => {
            setEditing(saved);
            list.reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      <ToolList />
    </div>
  );
}
