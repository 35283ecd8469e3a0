import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capability } from '../../../shared/readiness';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { useFormatters } from '../../hooks/use-formatters';
import { useProcedure } from '../../hooks/use-procedure';
import { ComputerDisplaySetting } from './ComputerDisplaySetting';
import { OptionalTextSetting } from './OptionalTextSetting';

const STATE_TAG: Record<Capability['state'], string> = { ready: 'tag tag--success', limited: 'tag tag--accent', missing: 'tag tag--danger' };

/** Settings → Readiness: what this machine gives each feature, and when something is missing, the fix. */
export function ReadinessSettings() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [fresh, setFresh] = useState(false);
  // Opening the tab may reuse an answer a few seconds old; Refresh (or a changed browser path) looks again.
  const readiness = useProcedure('readiness.get', fresh ? { refresh: true } : {});
  const again = () => (fresh ? readiness.reload() : setFresh(true));

  return (
    <Panel
      title={t('settings.readiness.title')}
      description={t('settings.readiness.description')}
      actions={
        <Button onClick={again} busy={readiness.loading} disabled={readiness.loading} data-testid="readiness-refresh">
          {readiness.loading ? t('common.refreshing') : t('common.refresh')}
        </Button>
      }
    >
      {readiness.error !== null && <ErrorNotice error={readiness.error} onRetry={again} testId="readiness-error" />}
      {!readiness.data ? (
        readiness.error === null && <LoadingState />
      ) : (
        <>
          <ul className="row-list readiness-list">
            {readiness.data.capabilities.map((capability) => (
              <CapabilityRow key={capability.id} capability={capability} onChanged={again} />
            ))}
          </ul>
          <p className="muted">{t('settings.readiness.checkedAt', { date: format.dateTime(readiness.data.checkedAt) })}</p>
        </>
      )}
    </Panel>
  );
}

function CapabilityRow({ capability, onChanged }: { capability: Capability; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="readiness-row" data-testid={`readiness-${capability.id}`} data-state={capability.state}>
      <div className="readiness-row__head">
        <h3 className="readiness-row__name">{t(`settings.readiness.capabilities.${capability.id}.name`)}</h3>
        <span className={STATE_TAG[capability.state]}>{t(`settings.readiness.states.${capability.state}`)}</span>
      </div>
      <p className="readiness-row__what">{t(`settings.readiness.capabilities.${capability.id}.what`)}</p>
      {/* The host's own words: paths, versions, the self-test's error. */}
      <p className="readiness-row__detail" dir="auto" data-testid={`readiness-${capability.id}-detail`}>
        {capability.detail}
      </p>
      {capability.fix && (
        <div className="readiness-row__fix">
          <span className="readiness-row__fix-label">{t('settings.readiness.fix')}</span>
          <code className="mono" dir="ltr" data-testid={`readiness-${capability.id}-fix`}>
            {capability.fix}
          </code>
        </div>
      )}
      {capability.id === 'chromium' && <BrowserPath onSaved={onChanged} />}
      {capability.id === 'display' && <ComputerDisplaySetting onSaved={onChanged} />}
    </li>
  );
}

/** The browser the browser worker is to use, when the one found is not the right one. */
function BrowserPath({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  return (
    <OptionalTextSetting
      settingKey="chromiumPath"
      label={t('settings.readiness.browserPath')}
      help={t('settings.readiness.browserPathHelp')}
      invalidHelp={t('settings.readiness.browserPathInvalid')}
      saveLabel={t('settings.readiness.browserPathSave')}
      placeholder="/usr/bin/chromium"
      testId="readiness-browser-path"
      onSaved={onSaved}
    />
  );
}
