import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Scope } from '../../../shared/auth';
import type { BridgeStatus } from '../../../shared/bridge';
import { SCOPE_LABEL_KEYS } from '../../../shared/scope-labels';
import { settingSchemas } from '../../../shared/settings';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { useEvent } from '../../hooks/use-event';
import { useProcedure } from '../../hooks/use-procedure';
import { useSettings } from '../../hooks/use-settings';
import { pageHref } from '../../navigation/route';
import { ScriptTokenForm } from './ScriptTokenForm';
import { useSaveSetting } from './use-save-setting';

/** Settings → Browser extension: the bridge on or off and its port, what clients may do, script tokens. */
export function ExtensionSettings() {
  const { t } = useTranslation();
  const { settings, error, reload } = useSettings();
  const status = useProcedure('bridge.status', {});
  const { save, pending, error: saveError } = useSaveSetting();
  const reloadStatus = status.reload;
  // The status says what the setting is and what runs: ask again when a setting changes.
  useEvent('settings.changed', reloadStatus);

  if (!settings) return error !== null ? <ErrorNotice error={error} title={t('errors.settingsUnavailable')} onRetry={reload} testId="settings-error" /> : <LoadingState />;
  const enabled = pending?.key === 'bridgeEnabled' ? pending.value : settings.bridgeEnabled;

  return (
    <div className="stack">
      <Panel title={t('settingsExtension.bridge.title')} description={t('settingsExtension.bridge.description')}>
        <div className="form-stack" aria-busy={pending !== null || undefined}>
          <label className="switch-field">
            <input type="checkbox" role="switch" checked={enabled} onChange={(event) => void save({ key: 'bridgeEnabled', value: event.target.checked })} data-testid="bridge-enabled" data-value={String(enabled)} />
            <span className="switch-field__text">
              <span className="switch-field__label">{t('settingsExtension.bridge.enabled')}</span>
              <span className="field__help">{t('settingsExtension.bridge.enabledHelp')}</span>
            </span>
          </label>
          <PortForm key={settings.bridgePort} port={settings.bridgePort} save={save} />
          <p className="form-stack__status" role="status">
            {pending !== null && t('settingsExtension.bridge.saving')}
          </p>
          {saveError !== null && <ErrorNotice error={saveError} testId="settings-error" />}
        </div>
        {status.data ? <BridgeFacts status={status.data} settingsPort={settings.bridgePort} /> : status.error !== null ? <ErrorNotice error={status.error} onRetry={status.reload} /> : <LoadingState />}
      </Panel>
      <Panel title={t('settingsExtension.scopes.title')} description={t('settingsExtension.scopes.description')}>
        <dl className="facts">
          {Scope.options.map((scope) => (
            <div className="facts__row" key={scope}>
              <dt className="facts__label">{t(`bridgeScopes.${SCOPE_LABEL_KEYS[scope]}.label`)}</dt>
              <dd className="facts__value">{t(`bridgeScopes.${SCOPE_LABEL_KEYS[scope]}.help`)}</dd>
            </div>
          ))}
        </dl>
        <a className="text-link" href={pageHref('extensions')}>
          {t('settingsExtension.scopes.link')}
        </a>
      </Panel>
      <Panel title={t('settingsExtension.token.title')} description={t('settingsExtension.token.description')}>
        <ScriptTokenForm bridgeUrl={status.data?.url ?? null} />
      </Panel>
    </div>
  );
}

/**
 * What the bridge does now: the host starts it (or not) as it starts, so a setting changed since then is
 * said to apply from the next start.
 */
function BridgeFacts({ status, settingsPort }: { status: BridgeStatus; settingsPort: number }) {
  const { t } = useTranslation();
  const listening = status.url !== null;
  const note = status.enabled && !listening ? 'startsOnRestart' : !status.enabled && listening ? 'stopsOnRestart' : null;
  return (
    <>
      <dl className="facts" data-testid="bridge-status" data-enabled={String(status.enabled)} data-listening={String(listening)}>
        <div className="facts__row">
          <dt className="facts__label">{t('settingsExtension.bridge.state')}</dt>
          <dd className="facts__value">
            <span className={listening ? 'tag tag--success' : 'tag'}>{t(listening ? 'settingsExtension.bridge.on' : 'settingsExtension.bridge.off')}</span>
          </dd>
        </div>
        {status.url && (
          <div className="facts__row">
            <dt className="facts__label">{t('settingsExtension.bridge.address')}</dt>
            <dd className="facts__value">
              <code dir="ltr" data-testid="bridge-url">
                {status.url}
              </code>
            </dd>
          </div>
        )}
      </dl>
      {note && (
        <p className="field__help" data-testid="bridge-restart-note">
          {t(`settingsExtension.bridge.${note}`)}
        </p>
      )}
      {listening && status.enabled && status.port !== settingsPort && <p className="field__help">{t('settingsExtension.bridge.restartNote', { port: status.port })}</p>}
    </>
  );
}

/** The port, checked against the setting's own schema before it is sent. */
function PortForm({ port, save }: { port: number; save: ReturnType<typeof useSaveSetting>['save'] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(port));
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = settingSchemas.bridgePort.safeParse(/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
    setInvalid(!parsed.success);
    if (parsed.success) void save({ key: 'bridgePort', value: parsed.data });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <TextField
        label={t('settingsExtension.bridge.port')}
        help={invalid ? t('settingsExtension.bridge.portInvalid') : t('settingsExtension.bridge.portHelp')}
        inputMode="numeric"
        dir="ltr"
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={invalid || undefined}
        testId="bridge-port"
      />
      <Button type="submit" data-testid="bridge-port-save">
        {t('settingsExtension.bridge.save')}
      </Button>
    </form>
  );
}
