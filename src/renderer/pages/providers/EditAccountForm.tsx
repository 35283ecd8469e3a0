import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import type { VaultStatus } from '../../../shared/vault';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useClient } from '../../hooks/use-client';
import { editOf, updateAccountInput, type AccountEdit, type FieldErrors } from './account-form';
import { BaseUrlField, BudgetField } from './AccountFields';
import { ApiKeyField } from './ApiKeyField';
import { vaultOpen } from './use-provider-accounts';
import { VaultKeyNotice } from './VaultKeyNotice';

type Outcome = { kind: 'none' } | { kind: 'invalid'; errors: FieldErrors } | { kind: 'failed'; error: unknown };

interface EditAccountFormProps {
  account: ProviderAccount;
  vault: VaultStatus | undefined;
  onDone(saved: ProviderAccount | null): void;
}

/** Renames an account, changes its base URL or monthly budget, or replaces its key (an empty key field keeps it). */
export function EditAccountForm({ account, vault, onDone }: EditAccountFormProps) {
  const { t } = useTranslation();
  const client = useClient();
  const form = useRef<HTMLFormElement>(null);
  const keyField = useRef<HTMLInputElement>(null);
  const [edit, setEdit] = useState<AccountEdit>(() => editOf(account));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  const open = vaultOpen(vault);

  // Opening the form moves focus into it, to its first field.
  useEffect(() => {
    const first = form.current?.elements.namedItem('name');
    if (first instanceof HTMLInputElement) first.focus();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checked = updateAccountInput(account, edit, keyField.current?.value ?? '', open);
    if (!checked.ok) {
      setOutcome({ kind: 'invalid', errors: checked.errors });
      return;
    }
    if (checked.input === null) return onDone(null);
    setBusy(true);
    setOutcome({ kind: 'none' });
    try {
      const saved = await client.call('providers.accounts.update', checked.input);
      onDone(saved);
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      if (keyField.current) keyField.current.value = '';
      setBusy(false);
    }
  };

  const help = (field: 'name' | 'baseUrl' | 'budget', normal: string) => (errors[field] ? t(`providers.accounts.form.errors.${errors[field]}`) : normal);
  return (
    <form className="account-form account-form--edit" ref={form} onSubmit={(event) => void submit(event)} noValidate aria-label={t('providers.accounts.edit.label', { name: account.name })} data-testid="account-edit-form">
      {account.key.kind === 'vault' && <VaultKeyNotice vault={vault} context="edit" />}
      <div className="account-form__fields">
        <TextField label={t('providers.accounts.form.name')} help={help('name', '')} name="name" value={edit.name} onChange={(event) => setEdit({ ...edit, name: event.target.value })} maxLength={80} autoComplete="off" aria-invalid={errors.name ? true : undefined} testId="account-edit-name" />
        <BaseUrlField value={edit.baseUrl} onChange={(baseUrl) => setEdit({ ...edit, baseUrl })} help={help('baseUrl', t('providers.accounts.edit.baseUrlHelp'))} invalid={errors.baseUrl !== undefined} testId="account-edit-base-url" />
        <ApiKeyField
          inputRef={keyField}
          label={t('providers.accounts.edit.apiKey')}
          help={errors.apiKey ? t(`providers.accounts.form.errors.${errors.apiKey}`) : t('providers.accounts.edit.apiKeyHelp')}
          disabled={!open}
          invalid={errors.apiKey !== undefined}
        />
        <BudgetField value={edit.budget} onChange={(budget) => setEdit({ ...edit, budget })} help={help('budget', t('providers.accounts.form.budgetHelp'))} invalid={errors.budget !== undefined} testId="account-edit-budget" />
      </div>
      <div className="account-form__actions">
        <Button type="submit" variant="primary" busy={busy} disabled={busy} data-testid="account-edit-save">
          {busy ? t('providers.routes.saving') : t('providers.accounts.edit.save')}
        </Button>
        <Button variant="ghost" onClick={() => onDone(null)} data-testid="account-edit-cancel">
          {t('providers.accounts.cancel')}
        </Button>
      </div>
      {outcome.kind === 'invalid' && <ErrorNotice error={null} title={t('providers.accounts.form.invalid')} hint={t('providers.accounts.form.invalidHint')} testId="account-edit-error" />}
      {outcome.kind === 'failed' && <ErrorNotice error={outcome.error} testId="account-edit-error" />}
    </form>
  );
}
