import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { Panel } from '../../components/Panel';
import { AccountRow } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { useProviderAccounts } from './use-provider-accounts';

const byName = (a: ProviderAccount, b: ProviderAccount) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/**
 * The provider accounts and the form that adds one. After an add, focus goes to the new account; after a
 * removal, to the message that says it was removed, so keyboard and screen reader users are not left nowhere.
 */
export function AccountsPanel() {
  const { t } = useTranslation();
  const { accounts, vault } = useProviderAccounts();
  const [focusId, setFocusId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const list = accounts.data;

  const added = (account: ProviderAccount) => {
    accounts.update((current) => [...(current ?? []).filter((a) => a.id !== account.id), account].sort(byName));
    setAnnouncement(t('providers.accounts.added', { name: account.name }));
    setFocusId(account.id);
    accounts.reload();
  };
  const saved = (account: ProviderAccount) => {
    accounts.update((current) => (current ?? []).map((a) => (a.id === account.id ? account : a)).sort(byName));
    setAnnouncement(t('providers.accounts.saved', { name: account.name }));
  };
  const removed = (account: ProviderAccount) => {
    accounts.update((current) => (current ?? []).filter((a) => a.id !== account.id));
    setAnnouncement(t('providers.accounts.removed', { name: account.name }));
    setFocusId(null);
    requestAnimationFrame(() => status.current?.focus());
    accounts.reload();
  };

  return (
    <Panel title={t('providers.accounts.title')} description={t('providers.accounts.description')}>
      <p className="accounts__status" role="status" tabIndex={-1} ref={status} data-testid="accounts-status">
        {announcement}
      </p>
      {list === undefined ? (
        accounts.error !== null ? <ErrorNotice error={accounts.error} onRetry={accounts.reload} testId="accounts-load-error" /> : <LoadingState />
      ) : list.length === 0 ? (
        <EmptyState testId="accounts-none">{t('providers.accounts.none')}</EmptyState>
      ) : (
        <ul className="row-list accounts__list" aria-label={t('providers.accounts.listLabel')}>
          {list.map((account) => (
            <AccountRow key={account.id} account={account} vault={vault.data} focused={focusId === account.id} onSaved={saved} onRemoved={removed} />
          ))}
        </ul>
      )}
      <AddAccountForm vault={vault.data} onAdded={added} />
    </Panel>
  );
}
