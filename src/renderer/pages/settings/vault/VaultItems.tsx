import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultItemInfo } from '../../../../shared/vault';
import { Button } from '../../../components/Button';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { LoadingState } from '../../../components/LoadingState';
import { useClient } from '../../../hooks/use-client';
import { useEvent } from '../../../hooks/use-event';
import { useFormatters } from '../../../hooks/use-formatters';
import { useProcedure } from '../../../hooks/use-procedure';
import { useVaultAction } from './use-vault-action';

/** The names of the stored secrets (never their values: those are read on the terminal only), each removable. */
export function VaultItems() {
  const { t } = useTranslation();
  const items = useProcedure('vault.list', {});
  useEvent('vault.changed', items.reload);

  if (!items.data) return items.error !== null ? <ErrorNotice error={items.error} onRetry={items.reload} /> : <LoadingState />;
  if (items.data.length === 0) return <p data-testid="vault-items-empty">{t('settingsVault.items.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="vault-items">
        <thead>
          <tr>
            <th scope="col">{t('settingsVault.items.name')}</th>
            <th scope="col">{t('settingsVault.items.updated')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settingsVault.items.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.data.map((item) => (
            <VaultItemRow key={item.name} item={item} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VaultItemRow({ item }: { item: VaultItemInfo }) {
  const { t } = useTranslation();
  const client = useClient();
  const format = useFormatters();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useVaultAction();
  return (
    <tr>
      <td dir="ltr">
        <code>{item.name}</code>
      </td>
      <td className="table__nowrap">{format.dateTime(item.updatedAt)}</td>
      <td>
        {confirming ? (
          <div role="group" aria-label={t('settingsVault.items.confirmRemove', { name: item.name })}>
            <p>{t('settingsVault.items.confirmRemove', { name: item.name })}</p>
            <div className="button-row">
              <Button size="sm" variant="danger" busy={busy} disabled={busy} onClick={() => void run(() => client.call('vault.remove', { name: item.name }))} data-testid="vault-item-remove-confirm">
                {t('settingsVault.items.remove')}
              </Button>
              <Button size="sm" onClick={() => setConfirming(false)} disabled={busy}>
                {t('settingsVault.items.keep')}
              </Button>
            </div>
          </div>
        ) : (
          <Button size="sm" onClick={() => setConfirming(true)} aria-label={t('settingsVault.items.removeNamed', { name: item.name })} data-testid="vault-item-remove">
            {t('settingsVault.items.remove')}
          </Button>
        )}
        {error !== null && <ErrorNotice error={error} />}
      </td>
    </tr>
  );
}
