import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { settingSchemas } from '../../../shared/settings';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useSettings } from '../../hooks/use-settings';
import { useSaveSetting } from './use-save-setting';

/** The X display computer use drives, when it is not the DISPLAY Aura Work started with (a virtual one, say). */
export function ComputerDisplaySetting({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const { save, error } = useSaveSetting();
  const [text, setText] = useState(settings?.computerDisplay ?? '');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = settingSchemas.computerDisplay.safeParse(text.trim() === '' ? null : text.trim());
    setInvalid(!parsed.success);
    if (parsed.success) void save({ key: 'computerDisplay', value: parsed.data }).then((saved) => saved && onSaved());
  };
  return (
    <form className="inline-form readiness-row__setting" onSubmit={submit}>
      <TextField
        label={t('computer.setting.label')}
        help={invalid ? t('computer.setting.invalid') : t('computer.setting.help')}
        value={text}
        dir="ltr"
        onChange={(event) => setText(event.target.value)}
        aria-invalid={invalid || undefined}
        placeholder=":0"
        testId="readiness-computer-display"
      />
      <Button type="submit" data-testid="readiness-computer-display-save">
        {t('computer.setting.save')}
      </Button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
