import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { settingSchemas } from '../../../shared/settings';
import type { SandboxStatus } from '../../../shared/vm';
import { Button } from '../../components/Button';
import { classNames } from '../../components/class-names';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { useFormatters } from '../../hooks/use-formatters';
import { useProcedure } from '../../hooks/use-procedure';
import { useSettings } from '../../hooks/use-settings';
import { settingsTabHref } from '../../navigation/route';
import { FolderListSetting } from './FolderListSetting';
import { useSaveSetting } from './use-save-setting';

/** Settings → Virtual machine: the sandbox's state, and the policy every command and terminal runs under. */
export function VmSettings() {
  const { t } = useTranslation();
  const { settings, error, reload } = useSettings();
  const status = useProcedure('vm.status', {});
  const { save, pending, error: saveError } = useSaveSetting();

  if (!settings) return error !== null ? <ErrorNotice error={error} title={t('errors.settingsUnavailable')} onRetry={reload} testId="settings-error" /> : <LoadingState />;
  const network = pending?.key === 'vmNetwork' ? pending.value : settings.vmNetwork;

  return (
    <div className="stack">
      <Panel title={t('settings.vm.sandbox.title')} description={t('settings.vm.sandbox.description')}>
        {status.data ? <SandboxFacts status={status.data} /> : status.error !== null ? <ErrorNotice error={status.error} onRetry={status.reload} /> : <LoadingState />}
      </Panel>
      <Panel title={t('settings.vm.policy.title')} description={t('settings.vm.policy.description')}>
        <div className="form-stack" aria-busy={pending !== null || undefined}>
          <label className="switch-field">
            <input type="checkbox" role="switch" checked={network === 'on'} onChange={(event) => void save({ key: 'vmNetwork', value: event.target.checked ? 'on' : 'off' })} data-testid="vm-network" data-value={network} />
            <span className="switch-field__text">
              <span className="switch-field__label">{t('settings.vm.network.label')}</span>
              <span className="field__help">{t('settings.vm.network.help')}</span>
            </span>
          </label>
          <TimeLimit key={settings.vmTimeoutMs} valueMs={settings.vmTimeoutMs} save={save} />
          <p className="form-stack__status" role="status">
            {pending !== null && t('settings.general.saving')}
          </p>
          {saveError !== null && <ErrorNotice error={saveError} testId="settings-error" />}
        </div>
      </Panel>
      <Panel title={t('settings.vm.folders.title')} description={t('settings.vm.folders.description')}>
        <div className="folder-settings">
          <FolderListSetting settingKey="vmExtraWritable" folders={settings.vmExtraWritable} />
          <FolderListSetting settingKey="vmExtraReadable" folders={settings.vmExtraReadable} />
        </div>
      </Panel>
    </div>
  );
}

function SandboxFacts({ status }: { status: SandboxStatus }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const ready = status.sandbox === 'bubblewrap';
  return (
    <>
    <dl className="facts" data-testid="vm-status" data-sandbox={status.sandbox}>
      <div className="facts__row">
        <dt className="facts__label">{t('settings.vm.sandbox.state')}</dt>
        <dd className="facts__value">
          <span className={classNames('tag', ready ? 'tag--success' : 'tag--danger')}>{ready ? t('settings.vm.sandbox.bubblewrap') : t('settings.vm.sandbox.none')}</span>{' '}
          {status.reason && (
            <span className="muted" dir="auto">
              {status.reason}
            </span>
          )}
        </dd>
      </div>
      <div className="facts__row">
        <dt className="facts__label">{t('settings.vm.sandbox.approval')}</dt>
        <dd className="facts__value">{t(`settings.vm.sandbox.approvals.${status.approval}`)}</dd>
      </div>
      <div className="facts__row">
        <dt className="facts__label">{t('settings.vm.sandbox.files')}</dt>
        <dd className="facts__value">{t(`settings.vm.sandbox.filesIn.${status.files}`)}</dd>
      </div>
      <div className="facts__row">
        <dt className="facts__label">{t('settings.vm.sandbox.processes')}</dt>
        <dd className="facts__value">{status.limits.processes === null ? t('settings.vm.sandbox.noProcessLimit') : t('settings.vm.sandbox.processLimit', { max: status.limits.processes, how: status.limits.processLimit })}</dd>
      </div>
      <div className="facts__row">
        <dt className="facts__label">{t('settings.vm.sandbox.output')}</dt>
        <dd className="facts__value">{format.bytes(status.limits.outputBytes)}</dd>
      </div>
    </dl>
      {!ready && (
        <a className="text-link" href={settingsTabHref('readiness')}>
          {t('terminal.seeReadiness')}
        </a>
      )}
    </>
  );
}

/** The default time limit of a command, in seconds; checked against the setting's own schema before it is sent. */
function TimeLimit({ valueMs, save }: { valueMs: number; save: ReturnType<typeof useSaveSetting>['save'] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(valueMs / 1000));
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ms = Math.round(Number(text.replace(',', '.')) * 1000);
    const parsed = settingSchemas.vmTimeoutMs.safeParse(text.trim() === '' ? Number.NaN : ms);
    setInvalid(!parsed.success);
    if (parsed.success) void save({ key: 'vmTimeoutMs', value: parsed.data });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <TextField
        label={t('settings.vm.timeout.label')}
        help={invalid ? t('settings.vm.timeout.invalid') : t('settings.vm.timeout.help')}
        inputMode="decimal"
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={invalid || undefined}
        testId="vm-timeout"
      />
      <Button type="submit" data-testid="vm-timeout-save">
        {t('settings.vm.save')}
      </Button>
    </form>
  );
}
