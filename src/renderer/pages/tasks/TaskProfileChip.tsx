import { useTranslation } from 'react-i18next';
import { settingsTabHref } from '../../navigation/route';
import { useProfileName } from '../settings/approvals/use-profile-name';

/** The permission profile a task runs under, as a chip linking to Settings → Approvals. */
export function TaskProfileChip({ profile }: { profile: string }) {
  const { t } = useTranslation();
  const name = useProfileName(profile);
  return (
    <a className={`profile-chip${profile === 'yes' ? ' profile-chip--danger' : ''}`} href={settingsTabHref('approvals')} title={t('approvals.chip.title')} data-testid="task-profile" data-profile={profile}>
      <bdi>{t('approvals.chip.label', { name })}</bdi>
    </a>
  );
}
