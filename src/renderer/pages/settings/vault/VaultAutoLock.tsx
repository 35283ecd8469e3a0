import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { settingSchemas } from '../../../../shared/settings';
import { Button } from '../../../components/Button';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { TextField } from '../../../components/TextField';
import { useSaveSetting } from '../use-save-setting';

/** Minutes without a vault operation before the vault locks itself. */
export function VaultAutoLock({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  const { save, pending, error } = useSaveSetting();
  const [text, setText] = useState(String(minutes));
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = settingSchemas.vaultAutoLockMinutes.safeParse(text.trim() === '' ? Number.NaN : Number(text));
    setInvalid(!parsed.success);
    if (parsed.success) void save({ key: 'vaultAutoLockMinutes', value: parsed.data });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-busy={pending !== null || undefined}>
      <TextField label={t('settingsVault.autoLock.label')} help={invalid ? t('settingsVault.autoLock.invalid') : t('settingsVault.autoLock.help')} inputMode="numeric" value={text} onChange={(event) => setText(event.target.value)} aria-invalid={invalid || undefined} testId="vault-autolock" />
      <Button type="submit" data-testid="vault-autolock-save">
        {t('settingsVault.autoLock.save')}
      </Button>
      {error !== null && <ErrorNotice error={error} />}
    </form>
  );
}
