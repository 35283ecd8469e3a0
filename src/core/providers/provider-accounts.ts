import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AuraError } from '../../shared/errors';
import type { AddAccountInput, ProviderAccount, UpdateAccountInput, UseAccountInput } from '../../shared/provider-accounts';
import type { CompatiblePreset, ModelRef, ModelRoutes, ProviderId } from '../../shared/providers';
import type { AuditLog, AuditRecord } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import type { SettingsService } from '../settings/settings-service';
import type { Db } from '../store/database';
import { statementCache } from '../store/statement-cache';
import type { Vault } from '../vault/vault';
import { PRESET_BASE_URLS } from './presets';

interface AccountRow {
  id: string;
  name: string;
  provider: ProviderId;
  preset: CompatiblePreset | null;
  base_url: string | null;
  has_key: number;
  monthly_budget_usd: number | null;
  created_at: string;
  updated_at: string;
}

/** What a model call needs of an account: where to send it, and the key (from the vault) that goes with it. */
export interface AccountCredentials {
  id: string;
  name: string;
  provider: ProviderId;
  preset: CompatiblePreset | null;
  baseUrl: string | null;
  apiKey: string | null;
}

/** The budget check before a model call: null when the account may still spend. */
export interface BudgetOverrun {
  account: string;
  spentUsd: number;
  budgetUsd: number;
}

export interface ProviderAccountsOptions {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  vault: Vault;
  settings: SettingsService;
  clock?: () => Date;
}

/** The vault item that holds an account's key. */
export const keyItem = (accountId: string) => `provider-key.${accountId}`;

const ROLES = ['planner', 'executor', 'reviewer'] as const;
const MAX_ROUTE = 5;
const isId = (ref: string) => z.string().uuid().safeParse(ref).success;

/**
 * Provider accounts (migration 009). The row holds the provider, endpoint and budget; the key is sealed in
 * the vault and read back only to make a model call or test the connection. Every change is audited by name.
 */
export class ProviderAccounts {
  private readonly sql: ReturnType<typeof statementCache>;
  private readonly clock: () => Date;
  /**
   * Each key's masked hint, kept while the vault is unlocked: listing the accounts then reads no key, and so
   * does not count as vault activity that would hold off its auto-lock. Forgotten on lock.
   */
  private readonly hints = new Map<string, string>();

  constructor(private readonly options: ProviderAccountsOptions) {
    this.sql = statementCache(options.db);
    this.clock = options.clock ?? (() => new Date());
    options.vault.onBeforeLock(() => this.hints.clear());
  }

  list(): ProviderAccount[] {
    return (this.sql('SELECT * FROM provider_accounts ORDER BY name COLLATE NOCASE').all() as AccountRow[]).map((row) => this.toAccount(row));
  }

  /** One account by id or (case-insensitive) name. */
  get(ref: string): ProviderAccount {
    return this.toAccount(this.row(ref));
  }

  add(input: AddAccountInput, actor: string): ProviderAccount {
    const target = checkTarget(input.provider, input.preset ?? null, input.baseUrl ?? null, input.apiKey !== undefined);
    if (this.find(input.name)) throw nameTaken(input.name);
    if (input.apiKey !== undefined) this.requireOpenVault();
    const id = randomUUID();
    if (input.apiKey !== undefined) {
      this.options.vault.set(keyItem(id), input.apiKey, actor);
      this.hints.set(id, maskKey(input.apiKey));
    }
    const now = this.clock().toISOString();
    try {
      this.write({ actor, action: 'providers.account.add', target: input.name, detail: { provider: target.provider, preset: target.preset, baseUrl: target.baseUrl, key: input.apiKey !== undefined, monthlyBudgetUsd: input.monthlyBudgetUsd ?? null } }, () => {
        this.sql('INSERT INTO provider_accounts (id, name, provider, preset, base_url, has_key, monthly_budget_usd, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(id, input.name, target.provider, target.preset, target.baseUrl, input.apiKey !== undefined ? 1 : 0, input.monthlyBudgetUsd ?? null, now, now);
      });
    } catch (err) {
      // The key of an account that was not made goes too.
      if (input.apiKey !== undefined) this.options.vault.remove(keyItem(id), actor);
      if (err instanceof Error && /UNIQUE/.test(err.message)) throw nameTaken(input.name);
      throw err;
    }
    return this.get(id);
  }

  update(input: z.infer<typeof UpdateAccountInput>, actor: string): ProviderAccount {
    const row = this.row(input.account);
    const baseUrl = input.baseUrl === undefined ? row.base_url : input.baseUrl;
    const hasKey = row.has_key === 1 || input.apiKey !== undefined;
    checkTarget(row.provider, row.preset, baseUrl, hasKey);
    if (input.name !== undefined && input.name.toLowerCase() !== row.name.toLowerCase() && this.find(input.name)) throw nameTaken(input.name);
    if (input.apiKey !== undefined) {
      this.requireOpenVault();
      this.options.vault.set(keyItem(row.id), input.apiKey, actor);
      this.hints.set(row.id, maskKey(input.apiKey));
    }
    const changed = { name: input.name !== undefined && input.name !== row.name, baseUrl: baseUrl !== row.base_url, key: input.apiKey !== undefined, monthlyBudgetUsd: input.monthlyBudgetUsd !== undefined && input.monthlyBudgetUsd !== row.monthly_budget_usd };
    const detail = { ...(changed.name ? { renamedFrom: row.name } : {}), ...(changed.baseUrl ? { baseUrl } : {}), ...(changed.key ? { key: 'replaced' } : {}), ...(changed.monthlyBudgetUsd ? { monthlyBudgetUsd: input.monthlyBudgetUsd } : {}) };
    this.write({ actor, action: 'providers.account.update', target: input.name ?? row.name, detail }, () => {
      this.sql('UPDATE provider_accounts SET name = ?, base_url = ?, has_key = ?, monthly_budget_usd = ?, updated_at = ? WHERE id = ?').run(input.name ?? row.name, baseUrl, hasKey ? 1 : 0, input.monthlyBudgetUsd === undefined ? row.monthly_budget_usd : input.monthlyBudgetUsd, this.clock().toISOString(), row.id);
    });
    return this.get(row.id);
  }

  /** Removes the account, its key from the vault, and its models from the routes. */
  remove(ref: string, actor: string): boolean {
    const row = this.find(ref);
    if (!row) return false;
    if (row.has_key && this.options.vault.initialised) {
      // A locked vault cannot drop the key; the account stays until it can, so no sealed key is orphaned.
      if (!this.options.vault.unlocked) throw lockedVault('remove the account and its key');
      this.options.vault.remove(keyItem(row.id), actor);
    }
    this.hints.delete(row.id);
    this.write({ actor, action: 'providers.account.remove', target: row.name, detail: { provider: row.provider } }, () => {
      this.sql('DELETE FROM provider_accounts WHERE id = ?').run(row.id);
    });
    const routes = this.options.settings.getAll().modelRoutes;
    const stripped = Object.fromEntries(ROLES.map((role) => [role, routes[role].filter((ref) => ref.account !== row.id)])) as ModelRoutes;
    if (ROLES.some((role) => stripped[role].length !== routes[role].length)) this.options.settings.set({ key: 'modelRoutes', value: stripped }, actor);
    return true;
  }

  /** Puts one model of the account first in each role's route; what was there stays after it, as fallbacks. */
  use(input: z.infer<typeof UseAccountInput>, actor: string): ModelRoutes {
    const row = this.row(input.account);
    const ref: ModelRef = { provider: row.provider, model: input.model, account: row.id, ...(row.base_url ? { baseUrl: row.base_url } : {}), ...(row.preset ? { preset: row.preset } : {}) };
    const same = (other: ModelRef) => other.provider === ref.provider && other.model === ref.model && (other.account ?? null) === ref.account;
    const routes = this.options.settings.getAll().modelRoutes;
    const roles = input.roles ?? ROLES;
    const next = { ...routes };
    for (const role of roles) next[role] = [ref, ...routes[role].filter((other) => !same(other))].slice(0, MAX_ROUTE);
    this.write({ actor, action: 'providers.account.use', target: row.name, detail: { model: input.model, roles: [...roles] } }, () => undefined);
    return this.options.settings.set({ key: 'modelRoutes', value: next }, actor).modelRoutes;
  }

  /**
   * The endpoint and key of an account, for a model call or a connection test. The key is read from the
   * vault here and nowhere else; a locked vault is a clear failure naming the fix.
   */
  credentials(accountId: string): AccountCredentials {
    const row = this.find(accountId);
    if (!row) throw new AuraError('NOT_FOUND', 'The provider account of this model was removed.', 'Pick another model on the Providers page, or `aura providers use ACCOUNT MODEL`.');
    let apiKey: string | null = null;
    if (row.has_key) {
      if (!this.options.vault.initialised || !this.options.vault.unlocked) throw lockedVault(`use the account "${row.name}"`, 'then resume the task');
      apiKey = this.options.vault.get(keyItem(row.id));
      this.hints.set(row.id, maskKey(apiKey));
    }
    return { id: row.id, name: row.name, provider: row.provider, preset: row.preset, baseUrl: row.base_url, apiKey };
  }

  /** What the account's calls cost since the first of this month (UTC). */
  spentThisMonth(accountId: string): number {
    const now = this.clock();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    return (this.sql('SELECT COALESCE(SUM(cost_usd), 0) AS spent FROM model_calls WHERE account_id = ? AND created_at >= ?').get(accountId, since) as { spent: number }).spent;
  }

  /**
   * Whether the account has spent its monthly budget, counting `pendingUsd` that a running call has spent
   * and not yet recorded; null when it may still spend (or has no budget).
   */
  overBudget(accountId: string, pendingUsd = 0): BudgetOverrun | null {
    const row = this.find(accountId);
    if (!row || row.monthly_budget_usd === null) return null;
    const spentUsd = this.spentThisMonth(row.id) + pendingUsd;
    return spentUsd >= row.monthly_budget_usd ? { account: row.name, spentUsd, budgetUsd: row.monthly_budget_usd } : null;
  }

  private toAccount(row: AccountRow): ProviderAccount {
    const vault = this.options.vault;
    const locked = !vault.unlocked;
    let hint: string | null = null;
    if (row.has_key && !locked) {
      hint = this.hints.get(row.id) ?? null;
      try {
        hint ??= maskKey(vault.get(keyItem(row.id)));
        this.hints.set(row.id, hint);
      } catch {
        hint = null; // the item was removed from the vault by hand
      }
    }
    return {
      id: row.id,
      name: row.name,
      provider: row.provider,
      preset: row.preset,
      baseUrl: row.base_url,
      key: { kind: row.has_key ? 'vault' : 'none', hint, locked: row.has_key === 1 && locked },
      monthlyBudgetUsd: row.monthly_budget_usd,
      spentThisMonthUsd: this.spentThisMonth(row.id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private find(ref: string): AccountRow | undefined {
    const trimmed = ref.trim();
    return (isId(trimmed) ? this.sql('SELECT * FROM provider_accounts WHERE id = ?').get(trimmed.toLowerCase()) : undefined) as AccountRow | undefined ?? (this.sql('SELECT * FROM provider_accounts WHERE name = ? COLLATE NOCASE').get(trimmed) as AccountRow | undefined);
  }

  private row(ref: string): AccountRow {
    const row = this.find(ref);
    if (!row) throw new AuraError('NOT_FOUND', `No provider account named "${ref}".`, 'See the accounts with `aura providers list`.');
    return row;
  }

  private requireOpenVault(): void {
    const vault = this.options.vault;
    if (!vault.initialised) throw new AuraError('CONFLICT', 'API keys are kept in the vault, and there is no vault yet.', 'Create it in Settings → Vault or with `aura vault init`, then add the account again.');
    if (!vault.unlocked) throw lockedVault('store the API key', 'then try again');
  }

  /** Runs a change and its audit entry in one transaction, then tells the windows. */
  private write(record: AuditRecord, change: () => void): void {
    const entry = this.options.db.transaction(() => {
      change();
      return this.options.audit.appendInTransaction(record);
    }).immediate();
    this.options.events.emit('audit.appended', entry);
  }
}

/** What the user may see of a key: its last 4 characters. */
const maskKey = (key: string) => `••••${key.slice(-4)}`;

function lockedVault(what: string, after = 'then try again'): AuraError {
  return new AuraError('UNAUTHORIZED', `The vault is locked: Aura Work cannot ${what}.`, `Unlock it in Settings → Vault or with \`aura vault unlock\`, ${after}.`);
}

function nameTaken(name: string): AuraError {
  return new AuraError('CONFLICT', `There is already a provider account named "${name}".`, 'Pick another name, or change that account with `aura providers set`.');
}

/**
 * Checks where an account points. A key travels only to the endpoint the user paired it with, and never in
 * clear over the network: a keyed account's custom base URL is https, or a server on this machine.
 */
function checkTarget(provider: ProviderId, preset: CompatiblePreset | null, baseUrl: string | null, hasKey: boolean): { provider: ProviderId; preset: CompatiblePreset | null; baseUrl: string | null } {
  if (provider === 'local-gguf') throw new AuraError('BAD_REQUEST', 'Local GGUF models need no account.', 'Pick them on the Providers page directly.');
  if (preset && provider !== 'openai-compatible') throw new AuraError('BAD_REQUEST', 'A preset is for OpenAI-compatible servers only.', 'Drop --preset, or use --provider openai-compatible.');
  if (provider === 'openai-compatible' && !baseUrl && !preset) throw new AuraError('BAD_REQUEST', 'An OpenAI-compatible account needs a base URL or a preset.', 'For example --base-url http://127.0.0.1:11434/v1 (Ollama) or --preset openrouter.');
  if (baseUrl) {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AuraError('BAD_REQUEST', 'The base URL must be http or https.', 'For example https://api.example.com/v1.');
    if (url.username || url.password) throw new AuraError('BAD_REQUEST', 'Put the credentials in the API key, not in the base URL.', 'Give the URL without user:password@.');
    if (hasKey && url.protocol === 'http:' && !isLoopback(url.hostname)) throw new AuraError('BAD_REQUEST', 'An API key is only sent over https (or to a server on this machine).', 'Use the https:// address of the server.');
  }
  return { provider, preset, baseUrl };
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Where an account's requests go: its base URL, else its preset's, else null (the provider's own). */
export function accountBaseUrl(account: Pick<AccountCredentials, 'baseUrl' | 'preset'>): string | null {
  return account.baseUrl ?? (account.preset ? PRESET_BASE_URLS[account.preset] : null);
}
