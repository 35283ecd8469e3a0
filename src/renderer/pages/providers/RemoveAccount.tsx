import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';

/** Asks before removing an account, saying what goes with it: its key in the vault and its place in the model routes. */
export function RemoveAccount({ account, onRemoved, onCancel }: { account: ProviderAccount; onRemoved(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const box = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // The safe answer has focus first, so Enter does not remove by accident.
  useEffect(() => box.current?.querySelector<HTMLButtonElement>('[data-testid="account-remove-cancel"]')?.focus(), []);

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.call('providers.accounts.remove', { account: account.id });
      onRemoved();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <div className="account-remove" ref={box} role="group" aria-label={t('providers.accounts.remove.label', { name: account.name })} data-testid="account-remove-confirm">
      <p className="account-remove__question">
        <Trans i18nKey="providers.accounts.remove.question" values={{ name: account.name }} components={{ name: <bdi /> }} />
      </p>
      <p>{t(account.key.kind === 'vault' ? 'providers.accounts.remove.withKey' : 'providers.accounts.remove.withoutKey')}</p>
      <div className="account-remove__actions">
        <Button variant="danger" onClick={() => void remove()} busy={busy} disabled={busy} data-testid="account-remove-confirm-button">
          {t('providers.accounts.remove.confirm')}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={busy} data-testid="account-remove-cancel">
          {t('providers.accounts.remove.keep')}
        </Button>
      </div>
      {error !== null && <ErrorNotice error={error} testId="account-remove-error" />}
    </div>
  );
}
