import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { settingSchemas } from '../../../shared/settings';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useSaveSetting } from './use-save-setting';

type FolderKey = 'vmExtraWritable' | 'vmExtraReadable';

/** One list of extra sandbox folders: each with a remove button, and a field to add one. Saved at once. */
export function FolderListSetting({ settingKey, folders }: { settingKey: FolderKey; folders: string[] }) {
  const { t } = useTranslation();
  const { save, pending, error } = useSaveSetting();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const testId = settingKey === 'vmExtraWritable' ? 'vm-writable' : 'vm-readable';
  const shown = pending?.key === settingKey ? pending.value : folders;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const folder = text.trim().replace(/(.)\/+$/, '$1');
    if (shown.includes(folder)) return setProblem(t('settings.vm.folders.duplicate'));
    const next = settingSchemas[settingKey].safeParse([...shown, folder]);
    if (!next.success) return setProblem(shown.length >= 32 ? t('settings.vm.folders.tooMany') : t('settings.vm.folders.invalid'));
    setProblem(null);
    if (await save({ key: settingKey, value: next.data })) setText('');
  };
  const remove = (folder: string) => void save({ key: settingKey, value: shown.filter((item) => item !== folder) });

  return (
    <div className="folder-list" data-testid={testId} aria-busy={pending !== null || undefined}>
      <h3 className="folder-list__title">{t(`settings.vm.folders.${settingKey}.title`)}</h3>
      <p className="field__help">{t(`settings.vm.folders.${settingKey}.help`)}</p>
      {shown.length === 0 ? (
        <p className="muted">{t('settings.vm.folders.empty')}</p>
      ) : (
        <ul className="row-list">
          {shown.map((folder) => (
            <li key={folder} className="folder-list__row" data-testid={`${testId}-row`}>
              <bdi className="mono" dir="ltr">
                {folder}
              </bdi>
              <Button size="sm" variant="ghost" onClick={() => remove(folder)} aria-label={t('settings.vm.folders.removeNamed', { folder })} data-testid={`${testId}-remove`}>
                {t('settings.vm.folders.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={(event) => void add(event)}>
        <TextField
          label={t('settings.vm.folders.add')}
          help={problem ?? t('settings.vm.folders.addHelp')}
          value={text}
          dir="ltr"
          onChange={(event) => setText(event.target.value)}
          aria-invalid={problem !== null || undefined}
          placeholder={settingKey === 'vmExtraWritable' ? '/home/you/.cache/pip' : '/opt/toolchain'}
          testId={`${testId}-input`}
        />
        <Button type="submit" disabled={text.trim() === ''} data-testid={`${testId}-add`}>
          {t('settings.vm.folders.addButton')}
        </Button>
      </form>
      {error !== null && <ErrorNotice error={error} testId={`${testId}-error`} />}
    </div>
  );
}
