import type { z } from 'zod';
import { AddAccountInput, UpdateAccountInput, type ProviderAccount } from '../../../shared/provider-accounts';
import { LOCAL_PRESETS, PRESET_BASE_URLS } from '../../../shared/provider-presets';
import type { CompatiblePreset, ProviderId } from '../../../shared/providers';

/** The providers an account can be for: a GGUF file is a model on disk, not an account. */
export const ACCOUNT_PROVIDERS = ['openai', 'anthropic', 'google', 'openai-compatible'] as const satisfies readonly ProviderId[];
export type AccountProvider = (typeof ACCOUNT_PROVIDERS)[number];

/** What the user picked: a provider and, for an OpenAI-compatible server, its kind ('' for a custom one). */
export interface AccountKind {
  provider: AccountProvider;
  preset: CompatiblePreset | '';
}

/** The add form's fields as typed. The API key is not here: it is read from its field at submit, never kept. */
export interface AccountDraft extends AccountKind {
  name: string;
  baseUrl: string;
  budget: string;
}

export type AccountField = 'name' | 'baseUrl' | 'apiKey' | 'budget';
/** Why a field is refused; the form shows `providers.accounts.form.errors.<reason>`. */
export type FieldError = 'name' | 'baseUrl' | 'baseUrlMissing' | 'apiKey' | 'apiKeyMissing' | 'apiKeyLocked' | 'budget';
export type FieldErrors = Partial<Record<AccountField, FieldError>>;
export type Checked<T> = { ok: true; input: T } | { ok: false; errors: FieldErrors };

/** The endpoint to prefill for a kind: the preset's usual address; the big providers need none. */
export const presetBaseUrl = (kind: AccountKind): string => (kind.provider === 'openai-compatible' && kind.preset ? PRESET_BASE_URLS[kind.preset] : '');

/**
 * The base URL after the kind changes: the new kind's prefill, unless the user typed an address of their own
 * (anything but empty or the old kind's prefill), which is kept.
 */
export function prefillBaseUrl(current: string, from: AccountKind, to: AccountKind): string {
  const typed = current.trim();
  return typed === '' || typed === presetBaseUrl(from) ? presetBaseUrl(to) : current;
}

/** A server on this machine (or a custom one, which may be) can run without a key; the hosted APIs cannot. */
export const needsKey = (kind: AccountKind): boolean => kind.provider !== 'openai-compatible' || (kind.preset !== '' && !LOCAL_PRESETS.includes(kind.preset));

/** An empty budget is none; anything else must be a non-negative amount of dollars. */
export function parseBudget(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const amount = Number(trimmed.replace(',', '.'));
  return Number.isFinite(amount) && amount >= 0 ? amount : 'invalid';
}

// The contract's field names, as the form's fields and the reason each shows.
const SCHEMA_FIELDS: Record<string, [AccountField, FieldError]> = { name: ['name', 'name'], baseUrl: ['baseUrl', 'baseUrl'], apiKey: ['apiKey', 'apiKey'], monthlyBudgetUsd: ['budget', 'budget'] };

/** The first error of each field the contract's schema refuses (the host checks the same again). */
function schemaErrors(issues: readonly { path: readonly PropertyKey[] }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    // Provider and preset come from selects of the schema's own options; anything else is a field.
    const [field, reason] = SCHEMA_FIELDS[String(issue.path[0] ?? '')] ?? ['name', 'name'];
    errors[field] ??= reason;
  }
  return errors;
}

/**
 * The `providers.accounts.add` input, checked with the contract's own schema. `vaultOpen` says whether a key
 * can be sealed now; a key-less account (a local server) can be added while the vault is locked.
 */
export function addAccountInput(draft: AccountDraft, apiKey: string, vaultOpen: boolean): Checked<AddAccountInput> {
  const errors: FieldErrors = {};
  const budget = parseBudget(draft.budget);
  if (budget === 'invalid') errors.budget = 'budget';
  const baseUrl = draft.baseUrl.trim();
  if (draft.provider === 'openai-compatible' && draft.preset === '' && baseUrl === '') errors.baseUrl = 'baseUrlMissing';
  const key = apiKey.trim();
  if (key && !vaultOpen) errors.apiKey = 'apiKeyLocked';
  else if (!key && needsKey(draft)) errors.apiKey = vaultOpen ? 'apiKeyMissing' : 'apiKeyLocked';
  const parsed = AddAccountInput.safeParse({
    name: draft.name,
    provider: draft.provider,
    ...(draft.provider === 'openai-compatible' && draft.preset ? { preset: draft.preset } : {}),
    // The preset's usual address is left out, so the account follows the preset.
    ...(baseUrl && baseUrl !== presetBaseUrl(draft) ? { baseUrl } : {}),
    ...(key ? { apiKey: key } : {}),
    ...(budget !== null && budget !== 'invalid' ? { monthlyBudgetUsd: budget } : {}),
  });
  const all = { ...(parsed.success ? {} : schemaErrors(parsed.error.issues)), ...errors };
  if (Object.keys(all).length > 0 || !parsed.success) return { ok: false, errors: all };
  return { ok: true, input: parsed.data };
}

export type AccountUpdate = z.infer<typeof UpdateAccountInput>;

/** The edit form's fields as typed; an empty key field keeps the key. */
export interface AccountEdit {
  name: string;
  baseUrl: string;
  budget: string;
}

export const editOf = (account: ProviderAccount): AccountEdit => ({ name: account.name, baseUrl: account.baseUrl ?? '', budget: account.monthlyBudgetUsd === null ? '' : String(account.monthlyBudgetUsd) });

/** The `providers.accounts.update` input: only what changed (null when nothing did). */
export function updateAccountInput(account: ProviderAccount, edit: AccountEdit, apiKey: string, vaultOpen: boolean): Checked<AccountUpdate | null> {
  const errors: FieldErrors = {};
  const budget = parseBudget(edit.budget);
  if (budget === 'invalid') errors.budget = 'budget';
  const key = apiKey.trim();
  if (key && !vaultOpen) errors.apiKey = 'apiKeyLocked';
  const name = edit.name.trim();
  const baseUrl = edit.baseUrl.trim() || null;
  const changes = {
    ...(name !== account.name ? { name } : {}),
    ...(baseUrl !== account.baseUrl ? { baseUrl } : {}),
    ...(key ? { apiKey: key } : {}),
    ...(budget !== 'invalid' && budget !== account.monthlyBudgetUsd ? { monthlyBudgetUsd: budget } : {}),
  };
  const parsed = UpdateAccountInput.safeParse({ account: account.id, ...changes });
  const all = { ...(parsed.success ? {} : schemaErrors(parsed.error.issues)), ...errors };
  if (Object.keys(all).length > 0 || !parsed.success) return { ok: false, errors: all };
  return { ok: true, input: Object.keys(changes).length === 0 ? null : parsed.data };
}
