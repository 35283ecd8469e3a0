import { useTranslation } from 'react-i18next';
import { OptionalTextSetting } from './OptionalTextSetting';

/** The X display computer use drives, when it is not the DISPLAY Aura Work started with (a virtual one, say). */
export function ComputerDisplaySetting({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <OptionalTextSetting
      settingKey="computerDisplay"
      label={t('computer.setting.label')}
      help={t('computer.setting.help')}
      invalidHelp={t('computer.setting.invalid')}
      saveLabel={t('computer.setting.save')}
      placeholder=":0"
      testId="readiness-computer-display"
      onSaved={onSaved}
    />
  );
}
