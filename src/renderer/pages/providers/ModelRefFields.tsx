import { useTranslation } from 'react-i18next';
import { CompatiblePreset, ProviderId } from '../../../shared/providers';
import { Button } from '../../components/Button';
import { Select } from '../../components/Select';
import { CodeField } from '../../components/CodeField';
import { withAccount, type DraftRef } from './route-draft';
import { useAccountList } from './use-provider-accounts';

interface ModelRefFieldsProps {
  value: DraftRef;
  /** 1 for the model tried first. */
  position: number;
  count: number;
  roleName: string;
  onChange(next: DraftRef): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

/**
 * Account (or provider, preset and endpoint, for an environment key), and model of one model in a route, with
 * buttons to reorder or remove it. An account brings its own provider and endpoint, so those fields give way to it.
 */
export function ModelRefFields({ value, position, count, roleName, onChange, onMove, onRemove }: ModelRefFieldsProps) {
  const { t } = useTranslation();
  const accounts = useAccountList();
  const label = t('providers.routes.itemLabel', { role: roleName, position });
  const account = value.account ? (accounts.find((a) => a.id === value.account) ?? null) : null;
  const onProvider = (raw: string) => {
    const provider = ProviderId.safeParse(raw);
    if (provider.success) onChange({ ...value, provider: provider.data, preset: provider.data === 'openai-compatible' ? value.preset : '' });
  };
  const onPreset = (raw: string) => {
    const preset = CompatiblePreset.safeParse(raw);
    onChange({ ...value, preset: preset.success ? preset.data : '' });
  };
  return (
    <li className="model-ref" data-testid="route-ref" aria-label={label}>
      <span className="model-ref__position" aria-hidden="true">
        {position}
      </span>
      <div className="model-ref__fields">
        {(accounts.length > 0 || value.account) && (
          <Select label={t('providers.routes.account')} value={value.account} onChange={(event) => onChange(withAccount(value, accounts.find((a) => a.id === event.target.value) ?? null))} testId="route-account">
            <option value="">{t('providers.routes.noAccount')}</option>
            {accounts.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
            {value.account && !account && <option value={value.account}>{t('providers.routes.missingAccount')}</option>}
          </Select>
        )}
        {!value.account && (
          <Select label={t('providers.routes.provider')} value={value.provider} onChange={(event) => onProvider(event.target.value)} testId="route-provider">
            {ProviderId.options.map((provider) => (
              <option key={provider} value={provider}>
                {t(`providers.names.${provider}`)}
              </option>
            ))}
          </Select>
        )}
        {!value.account && value.provider === 'openai-compatible' && (
          <Select label={t('providers.routes.preset')} value={value.preset} onChange={(event) => onPreset(event.target.value)} testId="route-preset">
            <option value="">{t('providers.routes.noPreset')}</option>
            {CompatiblePreset.options.map((preset) => (
              <option key={preset} value={preset}>
                {t(`providers.presets.${preset}`)}
              </option>
            ))}
          </Select>
        )}
        <CodeField
          label={t('providers.routes.model')}
          placeholder={t(value.provider === 'local-gguf' ? 'providers.routes.modelPathPlaceholder' : 'providers.routes.modelPlaceholder')}
          value={value.model}
          onChange={(event) => onChange({ ...value, model: event.target.value })}
          maxLength={200}
          testId="route-model"
        />
        {!value.account && (
          <CodeField
            label={t('providers.routes.baseUrl')}
            help={t('providers.routes.baseUrlHelp')}
            placeholder={t('providers.routes.baseUrlPlaceholder')}
            type="url"
            value={value.baseUrl}
            onChange={(event) => onChange({ ...value, baseUrl: event.target.value })}
            maxLength={500}
            testId="route-base-url"
          />
        )}
      </div>
      <div className="model-ref__actions" role="group" aria-label={label}>
        <Button size="sm" variant="ghost" onClick={() => onMove(-1)} disabled={position === 1} aria-label={t('providers.routes.moveUpLabel', { item: label })} data-testid="route-up">
          {t('providers.routes.moveUp')}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onMove(1)} disabled={position === count} aria-label={t('providers.routes.moveDownLabel', { item: label })} data-testid="route-down">
          {t('providers.routes.moveDown')}
        </Button>
        <Button size="sm" variant="danger" onClick={onRemove} aria-label={t('providers.routes.removeLabel', { item: label })} data-testid="route-remove">
          {t('providers.routes.remove')}
        </Button>
      </div>
    </li>
  );
}
