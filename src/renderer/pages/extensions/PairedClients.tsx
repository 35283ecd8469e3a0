import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeClient } from '../../../shared/bridge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useClient } from '../../hooks/use-client';
import { useFormatters } from '../../hooks/use-formatters';
import { ScopeTags } from './ScopeChoice';

/** Paired extensions and script tokens: what each may do, when it was last seen, and revoke. */
export function PairedClients({ clients, onChanged }: { clients: readonly BridgeClient[]; onChanged(): void }) {
  const { t } = useTranslation();
  if (clients.length === 0) return <EmptyState testId="clients-empty">{t('extensions.clients.empty')}</EmptyState>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="client-table">
        <thead>
          <tr>
            <th scope="col">{t('extensions.clients.name')}</th>
            <th scope="col">{t('extensions.clients.kind')}</th>
            <th scope="col">{t('extensions.clients.scopes')}</th>
            <th scope="col">{t('extensions.clients.createdAt')}</th>
            <th scope="col">{t('extensions.clients.lastSeen')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('extensions.clients.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <ClientRow key={client.id} client={client} onRevoked={onChanged} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ClientRow({ client, onRevoked }: { client: BridgeClient; onRevoked(): void }) {
  const { t } = useTranslation();
  const rpc = useClient();
  const format = useFormatters();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await rpc.call('bridge.clients.revoke', { name: client.name });
      setConfirming(false);
      onRevoked();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="client-row" data-name={client.name} data-kind={client.kind}>
      <td>
        <bdi>{client.name}</bdi>
        {client.origin && (
          <div className="muted table__detail" dir="ltr">
            {client.origin}
          </div>
        )}
      </td>
      <td className="table__nowrap">{t(`extensions.clients.kinds.${client.kind}`)}</td>
      <td>
        <ScopeTags scopes={client.scopes} />
      </td>
      <td className="table__nowrap">{format.dateTime(client.createdAt)}</td>
      <td className="table__nowrap" data-testid="client-last-seen">
        {client.lastSeenAt ? format.dateTime(client.lastSeenAt) : t('extensions.clients.never')}
      </td>
      <td>
        {confirming ? (
          <div className="client-revoke" role="group" aria-label={t('extensions.clients.confirmRevoke', { name: client.name })}>
            <p className="client-revoke__question">{t('extensions.clients.confirmRevoke', { name: client.name })}</p>
            <div className="button-row">
              <Button size="sm" variant="danger" busy={busy} disabled={busy} onClick={() => void revoke()} data-testid="client-revoke-confirm">
                {t('extensions.clients.confirm')}
              </Button>
              <Button size="sm" disabled={busy} onClick={() => setConfirming(false)}>
                {t('extensions.clients.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <Button size="sm" onClick={() => setConfirming(true)} data-testid="client-revoke">
            {t('extensions.clients.revoke')}
          </Button>
        )}
        {error !== null && <ErrorNotice error={error} />}
      </td>
    </tr>
  );
}
