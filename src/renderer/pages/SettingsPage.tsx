import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';
import type { SettingsTabId } from '../navigation/pages';
import { ApprovalsSettings } from './settings/ApprovalsSettings';
import { DiagnosticsSettings } from './settings/DiagnosticsSettings';
import { ExtensionSettings } from './settings/ExtensionSettings';
import { GeneralSettings } from './settings/GeneralSettings';
import { ReadinessSettings } from './settings/ReadinessSettings';
import { SettingsTabs } from './settings/SettingsTabs';
import { VaultSettings } from './settings/VaultSettings';
import { VmSettings } from './settings/VmSettings';

export function SettingsPage({ tab }: { tab: SettingsTabId }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <div className="settings-layout">
        <SettingsTabs active={tab} />
        <div className="settings-layout__content">
          <SettingsTab tab={tab} />
        </div>
      </div>
    </div>
  );
}

function SettingsTab({ tab }: { tab: SettingsTabId }) {
  switch (tab) {
    case 'vm':
      return <VmSettings />;
    case 'readiness':
      return <ReadinessSettings />;
    case 'diagnostics':
      return <DiagnosticsSettings />;
    case 'approvals':
      return <ApprovalsSettings />;
    case 'extension':
      return <ExtensionSettings />;
    case 'vault':
      return <VaultSettings />;
    default:
      return <GeneralSettings />;
  }
}
