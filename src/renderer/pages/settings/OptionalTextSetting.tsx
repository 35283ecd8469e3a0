import { useState, type FormEvent } from 'react';
import { settingSchemas, type SettingChange } from '../../../shared/settings';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useSettings } from '../../hooks/use-settings';
import { useSaveSetting } from './use-save-setting';

/** The settings that are a text or, left empty, null (“use what is found”). */
type OptionalTextKey = 'chromiumPath' | 'computerDisplay';

interface Props {
  settingKey: OptionalTextKey;
  label: string;
  help: string;
  invalidHelp: string;
  saveLabel: string;
  placeholder: string;
  testId: string;
  onSaved: () => void;
}

/** A Readiness row's own setting: a text checked against its schema, saved (audited) and the row re-checked. */
export function OptionalTextSetting({ settingKey, label, help, invalidHelp, saveLabel, placeholder, testId, onSaved }: Props) {
  const { settings } = useSettings();
  const { save, error } = useSaveSetting();
  const [text, setText] = useState(settings?.[settingKey] ?? '');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = settingSchemas[settingKey].safeParse(text.trim() === '' ? null : text.trim());
    setInvalid(!parsed.success);
    if (parsed.success) void save({ key: settingKey, value: parsed.data } as SettingChange).then((saved) => saved && onSaved());
  };
  return (
    <form className="inline-form readiness-row__setting" onSubmit={submit}>
      <TextField label={label} help={invalid ? invalidHelp : help} value={text} dir="ltr" onChange={(event) => setText(event.target.value)} aria-invalid={invalid || undefined} placeholder={placeholder} testId={testId} />
      <Button type="submit" data-testid={`${testId}-save`}>
        {saveLabel}
      </Button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
