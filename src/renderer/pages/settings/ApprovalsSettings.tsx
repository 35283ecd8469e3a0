import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BUILTIN_PROFILE_IDS } from '../../../shared/permissions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useSettings } from '../../hooks/use-settings';
import { ToolList } from './ToolList';

// The built-in profiles only, until this page lists and edits named ones.
const PermissionProfile = z.enum(BUILTIN_PROFILE_IDS);
type PermissionProfile = z.infer<typeof PermissionProfile>;

/** How much the agent may do without asking: the permission profile, and the tools it governs. */
export function ApprovalsSettings() {
  const { t } = useTranslation();
  const { settings, error, reload, update } = useSettings();
  const idBase = useId();
  const [pending, setPending] = useState<PermissionProfile | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  const choose = async (raw: string) => {
    const profile = PermissionProfile.safeParse(raw);
    if (!profile.success) return;
    setPending(profile.data);
    setSaveError(null);
    try {
      await update({ key: 'permissionProfile', value: profile.data });
    } catch (err) {
      setSaveError(err);
    } finally {
      setPending((current) => (current === profile.data ? null : current));
    }
  };

  const shown = pending ?? settings?.permissionProfile;
  return (
    <div className="stack">
      <Panel title={t('settings.approvals.title')} description={t('settings.approvals.description')}>
        {!settings ? (
          error !== null ? (
            <ErrorNotice error={error} title={t('errors.settingsUnavailable')} onRetry={reload} testId="settings-error" />
          ) : (
            <LoadingState />
          )
        ) : (
          <fieldset className="profile-choice" data-testid="setting-permission-profile" data-value={shown} aria-busy={pending !== null || undefined}>
            <legend className="field__label">{t('settings.approvals.profile')}</legend>
            {PermissionProfile.options.map((profile) => (
              <label key={profile} className={`profile-option${profile === 'yes' ? ' profile-option--danger' : ''}`}>
                <input
                  type="radio"
                  name="permission-profile"
                  value={profile}
                  checked={shown === profile}
                  onChange={(event) => void choose(event.target.value)}
                  aria-describedby={`${idBase}-${profile}-help`}
                  data-testid={`permission-profile-${profile}`}
                />
                <span className="profile-option__text">
                  <span className="profile-option__name">
                    {t(`settings.approvals.profiles.${profile}.name`)}
                    {profile === 'yes' && <span className="tag tag--danger">{t('settings.approvals.dangerous')}</span>}
                  </span>
                  <span className="profile-option__help" id={`${idBase}-${profile}-help`}>
                    {t(`settings.approvals.profiles.${profile}.help`)}
                  </span>
                </span>
              </label>
            ))}
            <p className="form-stack__status" role="status">
              {pending !== null && t('settings.general.saving')}
            </p>
          </fieldset>
        )}
        {saveError !== null && <ErrorNotice error={saveError} testId="settings-error" />}
      </Panel>
      <ToolList />
    </div>
  );
}
