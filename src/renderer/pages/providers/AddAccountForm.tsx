import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderAccount } from '../../../shared/provider-accounts';
import { CompatiblePreset } from '../../../shared/providers';
import type { VaultStatus } from '../../../shared/vault';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useClient } from '../../hooks/use-client';
import { ACCOUNT_PROVIDERS, addAccountInput, needsKey, prefillBaseUrl, type AccountDraft, type AccountKind, type FieldErrors } from './account-form';
import { BaseUrlField, BudgetField } from './AccountFields';
import { ApiKeyField } from './ApiKeyField';
import { vaultOpen } from './use-provider-accounts';
import { VaultKeyNotice } from './VaultKeyNotice';

// OpenAI first, as people expect; the preset waits for a switch to an OpenAI-compatible server.
const START: AccountDraft = { provider: 'openai', preset: 'ollama', name: '', baseUrl: '', budget: '' };

type Outcome = { kind: 'none' } | { kind: 'invalid'; errors: FieldErrors } | { kind: 'failed'; error: unknown };

/**
 * Adds a provider account. The API key lives only in its password field, read at submit and cleared right
 * after: it is never React state, never echoed back, never logged.
 */
export function AddAccountForm({ vault, onAdded }: { vault: VaultStatus | undefined; onAdded(account: ProviderAccount): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const titleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const keyField = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<AccountDraft>(START);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const open = vaultOpen(vault);
  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  const kindLabel = (kind: AccountKind) => (kind.provider === 'openai-compatible' && kind.preset ? t(`providers.presets.${kind.preset}`) : t(`providers.names.${kind.provider}`));

  // A new kind brings its usual address and name, unless the user typed their own.
  const changeKind = (to: AccountKind) =>
    setDraft((from) => ({ ...from, ...to, baseUrl: prefillBaseUrl(from.baseUrl, from, to), name: from.name.trim() === '' || from.name === kindLabel(from) ? kindLabel(to) : from.name }));
  const edit = (field: 'name' | 'baseUrl' | 'budget', value: string) => setDraft((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const named = { ...draft, name: draft.name.trim() === '' ? kindLabel(draft) : draft.name };
    const checked = addAccountInput(named, keyField.current?.value ?? '', open);
    if (!checked.ok) {
      setOutcome({ kind: 'invalid', errors: checked.errors });
      const first = (['name', 'baseUrl', 'apiKey', 'budget'] as const).find((field) => checked.errors[field]);
      const control = first ? form.current?.elements.namedItem(first) : null;
      if (control instanceof HTMLInputElement) control.focus();
      return;
    }
    setBusy(true);
    setOutcome({ kind: 'none' });
    try {
      const account = await client.call('providers.accounts.add', checked.input);
      setDraft(START);
      onAdded(account);
    } catch (error) {
      setOutcome({ kind: 'failed', error });
    } finally {
      // The key is the vault's now (or was refused): it does not wait in the page either way.
      if (keyField.current) keyField.current.value = '';
      setBusy(false);
    }
  };

  const fieldHelp = (field: 'name' | 'baseUrl' | 'budget', help: string) => (errors[field] ? t(`providers.accounts.form.errors.${errors[field]}`) : help);
  const keyNeeded = needsKey(draft);
  return (
    <form className="account-form" ref={form} onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId} data-testid="account-add-form">
      <h3 className="account-form__title" id={titleId}>
        {t('providers.accounts.add.title')}
      </h3>
      <VaultKeyNotice vault={vault} context="add" />
      <div className="account-form__fields">
        <Select label={t('providers.accounts.form.provider')} value={draft.provider} onChange={(event) => changeKind({ provider: ACCOUNT_PROVIDERS.find((p) => p === event.target.value) ?? 'openai', preset: draft.preset })} testId="account-provider">
          {ACCOUNT_PROVIDERS.map((provider) => (
            <option key={provider} value={provider}>
              {t(`providers.names.${provider}`)}
            </option>
          ))}
        </Select>
        {draft.provider === 'openai-compatible' && (
          <Select
            label={t('providers.accounts.form.preset')}
            value={draft.preset}
            onChange={(event) => {
              const preset = CompatiblePreset.safeParse(event.target.value);
              changeKind({ provider: draft.provider, preset: preset.success ? preset.data : '' });
            }}
            testId="account-preset"
          >
            {CompatiblePreset.options.map((preset) => (
              <option key={preset} value={preset}>
                {t(`providers.presets.${preset}`)}
              </option>
            ))}
            <option value="">{t('providers.accounts.form.customServer')}</option>
          </Select>
        )}
        <TextField
          label={t('providers.accounts.form.name')}
          help={fieldHelp('name', t('providers.accounts.form.nameHelp'))}
          name="name"
          value={draft.name}
          placeholder={kindLabel(draft)}
          onChange={(event) => edit('name', event.target.value)}
          maxLength={80}
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          testId="account-name"
        />
        <BaseUrlField
          value={draft.baseUrl}
          onChange={(value) => edit('baseUrl', value)}
          help={fieldHelp('baseUrl', t(draft.provider === 'openai-compatible' ? 'providers.accounts.form.baseUrlHelp' : 'providers.accounts.form.baseUrlOfficialHelp'))}
          invalid={errors.baseUrl !== undefined}
          placeholder={t('providers.accounts.form.baseUrlPlaceholder')}
          testId="account-base-url"
        />
        <ApiKeyField
          inputRef={keyField}
          label={t(keyNeeded ? 'providers.accounts.form.apiKey' : 'providers.accounts.form.apiKeyOptional')}
          help={errors.apiKey ? t(`providers.accounts.form.errors.${errors.apiKey}`) : t(keyNeeded ? 'providers.accounts.form.apiKeyHelp' : 'providers.accounts.form.apiKeyLocalHelp')}
          disabled={!open}
          invalid={errors.apiKey !== undefined}
        />
        <BudgetField
          value={draft.budget}
          onChange={(value) => edit('budget', value)}
          help={fieldHelp('budget', t('providers.accounts.form.budgetHelp'))}
          invalid={errors.budget !== undefined}
          placeholder={t('providers.accounts.form.budgetPlaceholder')}
          testId="account-budget-input"
        />
      </div>
      <div className="account-form__actions">
        <Button type="submit" variant="primary" busy={busy} disabled={busy} data-testid="account-add">
          {busy ? t('providers.accounts.add.submitting') : t('providers.accounts.add.submit')}
        </Button>
      </div>
      {outcome.kind === 'invalid' && <ErrorNotice error={null} title={t('providers.accounts.form.invalid')} hint={t('providers.accounts.form.invalidHint')} testId="account-add-error" />}
      {outcome.kind === 'failed' && <ErrorNotice error={outcome.error} testId="account-add-error" />}
    </form>
  );
}
