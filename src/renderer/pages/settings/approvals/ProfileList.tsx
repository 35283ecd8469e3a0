import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionProfileDoc } from '../../../../shared/permissions';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useClient } from '../../../hooks/use-client';
import { profileName } from './profile-name';
import { uniqueName } from './profile-draft';
import { ProfileRow } from './ProfileRow';

type Running = { id: string; action: 'use' | 'copy' | 'remove' } | null;

interface ProfileListProps {
  active: string;
  profiles: PermissionProfileDoc[];
  /** After any change: the list is loaded again. */
  onChanged(): void;
  /** Opens the editor on a custom profile (also on a fresh copy). */
  onEdit(profile: PermissionProfileDoc): void;
  /** A profile was deleted (its editor, if open, closes). */
  onRemoved(id: string): void;
}

/** Every profile, built-in ones first, with the active one marked; Use, Copy, and for custom ones Edit and Delete. */
export function ProfileList({ active, profiles, onChanged, onEdit, onRemoved }: ProfileListProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [running, setRunning] = useState<Running>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  const run = async (id: string, action: NonNullable<Running>['action'], call: () => Promise<void>) => {
    setRunning({ id, action });
    setError(null);
    setNote(null);
    try {
      await call();
    } catch (err) {
      setError(err);
    } finally {
      setRunning(null);
      onChanged();
    }
  };

  const copy = (profile: PermissionProfileDoc) =>
    run(profile.id, 'copy', async () => {
      const name = uniqueName(t('approvals.settings.copyName', { name: profileName(t, profile.id, profile) }), profiles.map((candidate) => candidate.name));
      onEdit(await client.call('profiles.copy', { profile: profile.id, name }));
    });
  const remove = (profile: PermissionProfileDoc) =>
    run(profile.id, 'remove', async () => {
      const result = await client.call('profiles.remove', { profile: profile.id });
      onRemoved(profile.id);
      // The host's own words on what else changed (the active profile went back to "Ask every time").
      setNote(result.message ?? t('approvals.settings.deleted'));
    });

  return (
    <>
      <ul className="profile-list" data-testid="setting-permission-profile" data-value={active} aria-busy={running !== null || undefined}>
        {profiles.map((profile) => (
          <ProfileRow
            key={profile.id}
            profile={profile}
            active={profile.id === active}
            busy={running?.id === profile.id ? running.action : null}
            disabled={running !== null}
            onUse={() => void run(profile.id, 'use', async () => void (await client.call('profiles.use', { profile: profile.id })))}
            onCopy={() => void copy(profile)}
            onEdit={() => onEdit(profile)}
            onRemove={() => void remove(profile)}
          />
        ))}
      </ul>
      <p className="form-stack__status" role="status" dir="auto" data-testid="profiles-status">
        {note}
      </p>
      {error !== null && <ErrorNotice error={error} testId="profiles-error" />}
    </>
  );
}
