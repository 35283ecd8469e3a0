import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectedProvider } from '../../../shared/providers';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { CodeField } from '../../components/CodeField';
import { useClient } from '../../hooks/use-client';
import { customUrls } from './detect-input';
import { DetectedProviderRow } from './DetectedProviderRow';

type Detection = { state: 'idle' } | { state: 'running' } | { state: 'done'; found: DetectedProvider[] } | { state: 'failed'; error: unknown };

interface DetectProvidersProps {
  /** Detect on mount: the first-run check on the Dashboard, before any model is set. */
  auto?: boolean;
  title?: string;
  description?: string;
}

/** Looks for local model servers and API keys in the environment, and offers each one found as the model to use. */
export function DetectProviders({ auto = false, title, description }: DetectProvidersProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [detection, setDetection] = useState<Detection>({ state: 'idle' });
  const [otherPorts, setOtherPorts] = useState('');
  const running = detection.state === 'running';

  const detect = async () => {
    setDetection({ state: 'running' });
    try {
      const urls = customUrls(otherPorts);
      setDetection({ state: 'done', found: await client.call('providers.detect', urls.length ? { urls } : {}) });
    } catch (error) {
      setDetection({ state: 'failed', error });
    }
  };

  useEffect(() => {
    if (auto) void detect();
    // Once, when shown; a later check is the user's to start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto]);

  return (
    <Panel
      title={title ?? t('providers.detect.title')}
      description={description ?? t('providers.detect.description')}
      actions={
        <Button variant="primary" onClick={() => void detect()} busy={running} disabled={running} data-testid="providers-detect">
          {running ? t('providers.detect.running') : t('providers.detect.button')}
        </Button>
      }
    >
      {!auto && (
        <form
          className="detect-ports"
          onSubmit={(event) => {
            event.preventDefault();
            if (!running) void detect();
          }}
        >
          <CodeField
            label={t('providers.detect.otherPort')}
            help={t('providers.detect.otherPortHelp')}
            placeholder={t('providers.detect.otherPortPlaceholder')}
            value={otherPorts}
            onChange={(event) => setOtherPorts(event.target.value)}
            maxLength={500}
            testId="providers-detect-ports"
          />
        </form>
      )}
      <div aria-live="polite">
        {detection.state === 'idle' && <p className="muted">{t('providers.detect.idle')}</p>}
        {detection.state === 'done' && detection.found.length === 0 && <EmptyState testId="detected-none">{t('providers.detect.none')}</EmptyState>}
        {detection.state === 'done' && detection.found.length > 0 && (
          <>
            <p className="visually-hidden">{t('providers.detect.found', { count: detection.found.length })}</p>
            <ul className="row-list">
              {detection.found.map((provider) => (
                <DetectedProviderRow key={`${provider.source}:${provider.provider}:${provider.preset ?? ''}`} detected={provider} />
              ))}
            </ul>
          </>
        )}
      </div>
      {detection.state === 'failed' && <ErrorNotice error={detection.error} onRetry={() => void detect()} testId="providers-detect-error" />}
    </Panel>
  );
}
