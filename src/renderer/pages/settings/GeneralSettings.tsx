import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Language, Theme, type SettingChange, type Settings } from '../../../shared/settings';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { Select } from '../../components/Select';
import { LANGUAGES } from '../../i18n/i18n';
import { useSettings } from '../../hooks/use-settings';
import { useWorkspaces } from '../../hooks/use-workspaces';

const NO_WORKSPACE = '';

/** Language, theme and default workspace; every change is saved and applied at once. */
export function GeneralSettings() {
  const { t } = useTranslation();
  const { settings, error, reload, update } = useSettings();
  const workspaces = useWorkspaces();
  // Shown while the host saves, so the select does not snap back for a moment.
  const [pending, setPending] = useState<SettingChange | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);

  if (!settings) {
    return error !== null ? (
      <ErrorNotice error={error} title={t('errors.settingsUnavailable')} onRetry={reload} testId="settings-error" />
    ) : (
      <LoadingState />
    );
  }

  const save = async (change: SettingChange) => {
    setPending(change);
    setSaveError(null);
    try {
      await update(change);
    } catch (err) {
      setSaveError(err);
    } finally {
      setPending((current) => (current === change ? null : current));
    }
  };
  const shown = <K extends keyof Settings>(key: K): Settings[K] => (pending?.key === key ? (pending.value as Settings[K]) : settings[key]);

  const onLanguage = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = Language.safeParse(event.target.value);
    if (value.success) void save({ key: 'language', value: value.data });
  };
  const onTheme = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = Theme.safeParse(event.target.value);
    if (value.success) void save({ key: 'theme', value: value.data });
  };
  const onDefaultWorkspace = (event: ChangeEvent<HTMLSelectElement>) => {
    void save({ key: 'defaultWorkspace', value: event.target.value === NO_WORKSPACE ? null : event.target.value });
  };

  return (
    <Panel title={t('settings.general.title')} description={t('settings.general.description')}>
      <div className="form-stack" aria-busy={pending !== null || undefined}>
        <Select label={t('settings.general.language')} help={t('settings.general.languageHelp')} value={shown('language')} onChange={onLanguage} testId="setting-language">
          {LANGUAGES.map((code) => (
            // Each language is named in itself, so a reader can find theirs whatever the current language.
            <option key={code} value={code} lang={code}>
              {t('meta.nativeName', { lng: code })}
            </option>
          ))}
        </Select>
        <Select label={t('settings.general.theme')} help={t('settings.general.themeHelp')} value={shown('theme')} onChange={onTheme} testId="setting-theme">
          {Theme.options.map((theme) => (
            <option key={theme} value={theme}>
              {t(`settings.general.themes.${theme}`)}
            </option>
          ))}
        </Select>
        <Select
          label={t('settings.general.defaultWorkspace')}
          help={t('settings.general.defaultWorkspaceHelp')}
          value={shown('defaultWorkspace') ?? NO_WORKSPACE}
          onChange={onDefaultWorkspace}
          testId="setting-default-workspace"
        >
          <option value={NO_WORKSPACE}>{t('settings.general.noWorkspace')}</option>
          {workspaces.data?.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspace.name}
            </option>
          ))}
        </Select>
        <p className="form-stack__status" role="status">
          {pending !== null && t('settings.general.saving')}
        </p>
        {saveError !== null && <ErrorNotice error={saveError} testId="settings-error" />}
        {workspaces.error !== null && <ErrorNotice error={workspaces.error} onRetry={workspaces.reload} />}
      </div>
    </Panel>
  );
}
