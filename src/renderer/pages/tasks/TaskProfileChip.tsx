import { useTranslation } from 'react-i18next';
import { settingsTabHref } from '../../navigation/route';
import { useProfileName } from '../settings/approvals/use-profile-name';

/**
 * The permission profile a task runs under (or, `upcoming`, the one a new task will get), as a chip linking
 * to Settings → Approvals.
 */
export function TaskProfileChip({ profile, upcoming = false }: { profile: string; upcoming?: boolean }) {
  const { t } = useTranslation();
  const name = useProfileName(profile);
  return (
    <a className={`profile-chip${profile === 'yes' ? ' profile-chip--danger' : ''}`} href={settingsTabHref('approvals')} title={t(upcoming ? 'approvals.chip.nextTitle' : 'approvals.chip.title')} data-testid={upcoming ? 'composer-profile' : 'task-profile'} data-profile={profile}>
      <bdi>{t(upcoming ? 'approvals.chip.nextLabel' : 'approvals.chip.label', { name })}</bdi>
    </a>
  );
}
