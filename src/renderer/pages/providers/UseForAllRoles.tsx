import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Select } from '../../components/Select';
import { CodeField } from '../../components/CodeField';
import { useClient } from '../../hooks/use-client';

type Use = { state: 'idle' } | { state: 'saving' } | { state: 'used'; model: string } | { state: 'missing' } | { state: 'failed'; error: unknown };

const TYPED = '\u0000typed';

/**
 * Makes one model of the account the first choice of every role. The models the test listed are offered; any
 * other can be typed. The host keeps the models that were there as fallbacks, and the route editor shows them.
 */
export function UseForAllRoles({ account, models }: { account: ProviderAccount; models: string[] }) {
  const { t } = useTranslation();
  const client = useClient();
  const [choice, setChoice] = useState(models[0] ?? TYPED);
  const [typed, setTyped] = useState('');
  const [use, setUse] = useState<Use>({ state: 'idle' });
  const model = (choice === TYPED ? typed : choice).trim();

  const apply = async () => {
    if (!model) {
      setUse({ state: 'missing' });
      return;
    }
    setUse({ state: 'saving' });
    try {
      await client.call('providers.accounts.use', { account: account.id, model });
      setUse({ state: 'used', model });
    } catch (error) {
      setUse({ state: 'failed', error });
    }
  };

  return (
    <div className="account-use">
      <div className="account-use__fields">
        {models.length > 0 && (
          <Select label={t('providers.accounts.use.model')} value={choice} onChange={(event) => setChoice(event.target.value)} testId="account-use-model">
            {models.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={TYPED}>{t('providers.accounts.use.other')}</option>
          </Select>
        )}
        {choice === TYPED && (
          <CodeField
            label={t(models.length > 0 ? 'providers.accounts.use.typed' : 'providers.accounts.use.model')}
            placeholder={t('providers.routes.modelPlaceholder')}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            maxLength={200}
            aria-invalid={use.state === 'missing' || undefined}
            testId="account-use-typed"
          />
        )}
        <Button variant="primary" onClick={() => void apply()} busy={use.state === 'saving'} disabled={use.state === 'saving'} data-testid="account-use" aria-label={t('providers.accounts.use.label', { name: account.name })}>
          {t('providers.accounts.use.button')}
        </Button>
      </div>
      <p className="account-use__status" role="status" data-testid="account-use-status">
        {use.state === 'used' && t('providers.accounts.use.done', { model: use.model })}
      </p>
      {use.state === 'missing' && <ErrorNotice error={null} title={t('providers.detect.modelMissing')} testId="account-use-error" />}
      {use.state === 'failed' && <ErrorNotice error={use.error} testId="account-use-error" />}
    </div>
  );
}
