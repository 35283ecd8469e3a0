import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectedProvider } from '../../../shared/providers';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Select } from '../../components/Select';
import { CodeField } from '../../components/CodeField';
import { useSettings } from '../../hooks/use-settings';
import { keyVariablesOf } from './detect-input';
import { refFromDetected, sameModelForAllRoles } from './route-draft';

type Use = { state: 'idle' } | { state: 'saving' } | { state: 'used' } | { state: 'missing' } | { state: 'failed'; error: unknown };

/** A provider that was found, with a model to pick (or type) and "Use" to make it the model of every role. */
export function DetectedProviderRow({ detected }: { detected: DetectedProvider }) {
  const { t } = useTranslation();
  const { update } = useSettings();
  const [model, setModel] = useState(detected.models[0] ?? '');
  const [use, setUse] = useState<Use>({ state: 'idle' });
  const saving = use.state === 'saving';

  const apply = async () => {
    if (!model.trim()) {
      setUse({ state: 'missing' });
      return;
    }
    setUse({ state: 'saving' });
    try {
      await update({ key: 'modelRoutes', value: sameModelForAllRoles(refFromDetected(detected, model)) });
      setUse({ state: 'used' });
    } catch (error) {
      setUse({ state: 'failed', error });
    }
  };

  return (
    <li className="detected" data-testid="detected-provider" data-provider={detected.provider} data-preset={detected.preset}>
      <div className="detected__main">
        <p className="detected__label">
          <bdi>{detected.label}</bdi>
          <span className="tag" data-testid="detected-source" data-source={detected.source}>
            {detected.source === 'environment' ? t('providers.detect.fromEnvironment', { variables: keyVariablesOf(detected).join(t('providers.detect.variableSeparator')) }) : t(`providers.detect.sources.${detected.source}`)}
          </span>
        </p>
        <p className="detected__meta">
          {t(`providers.names.${detected.provider}`)}
          {detected.baseUrl && (
            <>
              {t('common.listSeparator')}
              <bdi dir="ltr" className="mono">
                {detected.baseUrl}
              </bdi>
            </>
          )}
        </p>
        <p className="detected__status" role="status">
          {use.state === 'used' && t('providers.detect.used')}
        </p>
      </div>
      <div className="detected__use">
        {detected.models.length > 0 ? (
          <Select label={t('providers.detect.model')} value={model} onChange={(event) => setModel(event.target.value)} testId="detected-provider-model">
            {detected.models.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        ) : (
          <CodeField
            label={t('providers.detect.model')}
            placeholder={t('providers.detect.modelPlaceholder')}
            value={model}
            onChange={(event) => setModel(event.target.value)}
            maxLength={200}
            aria-invalid={use.state === 'missing' || undefined}
            testId="detected-provider-model"
          />
        )}
        <Button onClick={() => void apply()} busy={saving} disabled={saving} data-testid="detected-provider-use" aria-label={t('providers.detect.useLabel', { name: detected.label })}>
          {t('providers.detect.use')}
        </Button>
      </div>
      {use.state === 'missing' && <ErrorNotice error={null} title={t('providers.detect.modelMissing')} testId="detected-provider-error" />}
      {use.state === 'failed' && <ErrorNotice error={use.error} testId="detected-provider-error" />}
    </li>
  );
}
