import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import type { VaultStatus } from '../../../shared/vault';
import { Button } from '../../components/Button';
import { endpointOf, keyShown } from './account-display';
import { AccountTestOutcome } from './AccountTestOutcome';
import { BudgetMeter } from './BudgetMeter';
import { EditAccountForm } from './EditAccountForm';
import { RemoveAccount } from './RemoveAccount';
import { useAccountTest } from './use-account-test';

interface AccountRowProps {
  account: ProviderAccount;
  vault: VaultStatus | undefined;
  /** Takes focus when set: the account just added. */
  focused: boolean;
  onSaved(account: ProviderAccount): void;
  onRemoved(account: ProviderAccount): void;
}

/** One account: provider, endpoint, masked key, this month's spend, and its actions (test, edit, remove). */
export function AccountRow({ account, vault, focused, onSaved, onRemoved }: AccountRowProps) {
  const { t } = useTranslation();
  const nameId = useId();
  const row = useRef<HTMLLIElement>(null);
  const actions = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const { test, run, reset } = useAccountTest(account.id);
  const endpoint = endpointOf(account);
  const key = keyShown(account);

  useEffect(() => {
    if (focused) row.current?.focus();
  }, [focused]);

  // Closing the edit form or the question returns focus to the actions they were opened from.
  const close = (from: 'edit' | 'remove') => {
    setMode('view');
    requestAnimationFrame(() => actions.current?.querySelector<HTMLButtonElement>(`[data-testid="account-${from}"]`)?.focus());
  };

  return (
    <li className="account" ref={row} tabIndex={-1} aria-labelledby={nameId} data-testid="provider-account" data-account-id={account.id}>
      <div className="account__main">
        <p className="account__name">
          <bdi id={nameId} data-testid="account-name-text">
            {account.name}
          </bdi>
          <span className="tag">{account.preset ? t(`providers.presets.${account.preset}`) : t(`providers.names.${account.provider}`)}</span>
        </p>
        <p className="account__meta">
          {endpoint ? (
            <bdi dir="ltr" className="mono" data-testid="account-endpoint">
              {endpoint}
            </bdi>
          ) : (
            t('providers.accounts.officialEndpoint', { provider: t(`providers.names.${account.provider}`) })
          )}
        </p>
        <p className="account__key" data-testid="account-key" data-key={key.kind}>
          {key.kind === 'hint' ? (
            <>
              {t('providers.accounts.key.label')}{' '}
              <code className="tag tag--code" aria-label={t('providers.accounts.key.hintLabel', { hint: key.hint })}>
                {key.hint}
              </code>
            </>
          ) : (
            t(`providers.accounts.key.${key.kind}`)
          )}
        </p>
        <BudgetMeter spentUsd={account.spentThisMonthUsd} budgetUsd={account.monthlyBudgetUsd} accountName={account.name} />
      </div>
      <div className="account__actions" ref={actions} role="group" aria-label={t('providers.accounts.actionsLabel', { name: account.name })}>
        <Button size="sm" onClick={() => void run()} busy={test.state === 'running'} disabled={test.state === 'running'} data-testid="account-test" aria-label={t('providers.accounts.test.label', { name: account.name })}>
          {t('providers.accounts.test.button')}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setMode('edit')} aria-expanded={mode === 'edit'} data-testid="account-edit" aria-label={t('providers.accounts.edit.open', { name: account.name })}>
          {t('providers.accounts.edit.button')}
        </Button>
        <Button size="sm" variant="danger" onClick={() => setMode('remove')} aria-expanded={mode === 'remove'} data-testid="account-remove" aria-label={t('providers.accounts.remove.open', { name: account.name })}>
          {t('providers.accounts.remove.button')}
        </Button>
      </div>
      {mode === 'edit' && (
        <EditAccountForm
          account={account}
          vault={vault}
          onDone={(saved) => {
            if (saved) {
              onSaved(saved);
              reset();
            }
            close('edit');
          }}
        />
      )}
      {mode === 'remove' && <RemoveAccount account={account} onRemoved={() => onRemoved(account)} onCancel={() => close('remove')} />}
      {test.state !== 'idle' && <AccountTestOutcome account={account} test={test} onRetry={() => void run()} />}
    </li>
  );
}
