import { z } from 'zod';
import type { ProcedureMeta } from './contract';
import { CompatiblePreset, ModelRole, ModelRoutes, ProviderId } from './providers';

/**
 * Provider accounts: a provider, its endpoint and (sealed in the vault, never here) its API key, with a
 * monthly budget the engine enforces. One account can serve every role; model routes name it by id.
 */

export const AccountId = z.string().uuid();

export const AccountName = z.string().trim().min(1, 'give the account a name').max(80);

/** The API key, as typed: never stored outside the vault, never echoed back. */
export const ApiKey = z
  .string()
  .trim()
  // 12: the shortest value the redactor (core/secrets) registers, so every key that is stored is also redacted.
  .min(12, 'that is too short for an API key (12 characters at least)')
  .max(4096)
  .refine((key) => !/\s/.test(key), 'an API key has no spaces or line breaks');

export const ProviderAccount = z.object({
  id: AccountId,
  name: z.string(),
  provider: ProviderId,
  preset: CompatiblePreset.nullable(),
  baseUrl: z.string().nullable(),
  /**
   * How the key is held: `vault` (sealed there), `none` (a local server needs none). The UI shows a masked
   * hint of a vault key (its last 4 characters) only while the vault is unlocked.
   */
  key: z.object({ kind: z.enum(['vault', 'none']), hint: z.string().nullable(), locked: z.boolean() }),
  /** US dollars a calendar month (UTC); null: no budget. */
  monthlyBudgetUsd: z.number().nonnegative().nullable(),
  /** What its calls cost this month so far. */
  spentThisMonthUsd: z.number().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProviderAccount = z.infer<typeof ProviderAccount>;

export const AccountTestResult = z.object({
  ok: z.boolean(),
  /** The models the server lists, where its API offers a list. */
  models: z.array(z.string()),
  latencyMs: z.number().nonnegative(),
  /** Why it failed, with the key redacted. */
  message: z.string(),
});
export type AccountTestResult = z.infer<typeof AccountTestResult>;

const AccountRef = z.string().trim().min(1).max(80);
const Budget = z.number().nonnegative().max(1_000_000).nullable();
const accountProcedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string, cli: NonNullable<Exclude<ProcedureMeta['cli'], false>>) => ({ input, output, summary, access: 'owner' as const, cli });

export const AddAccountInput = z
  .object({
    name: AccountName,
    provider: ProviderId,
    preset: CompatiblePreset.optional(),
    baseUrl: z.string().trim().url().max(500).optional(),
    /** Optional: a local server needs none. Sealed in the vault (which must be unlocked). */
    apiKey: ApiKey.optional(),
    monthlyBudgetUsd: Budget.optional(),
  })
  .strict();
export type AddAccountInput = z.infer<typeof AddAccountInput>;

export const UpdateAccountInput = z
  .object({
    /** The account's name or id. */
    account: AccountRef,
    name: AccountName.optional(),
    baseUrl: z.string().trim().url().max(500).nullable().optional(),
    apiKey: ApiKey.optional(),
    monthlyBudgetUsd: Budget.optional(),
  })
  .strict();

/** Sets the model of every role (or of the roles named) to one model of one account: "use for all roles". */
export const UseAccountInput = z
  .object({
    account: AccountRef,
    model: z.string().trim().min(1).max(200),
    roles: z.array(ModelRole).min(1).max(3).optional(),
  })
  .strict();

/** The accounts' procedures, spread into the contract's table. Keys never come back out of any of them. */
export const PROVIDER_ACCOUNT_PROCEDURES = {
  'providers.accounts.list': accountProcedure(z.object({}).strict(), z.array(ProviderAccount), 'Provider accounts, with masked keys and this month\'s spend', { name: 'providers list' }),
  'providers.accounts.add': accountProcedure(AddAccountInput, ProviderAccount, 'Add a provider account (the API key is asked, or read from stdin or AURA_PROVIDER_KEY)', { name: 'providers add', args: ['name'], secret: ['apiKey'] }),
  'providers.accounts.update': accountProcedure(UpdateAccountInput, ProviderAccount, 'Rename an account, change its base URL, key or monthly budget (a new key is read from stdin or AURA_PROVIDER_KEY, or asked)', { name: 'providers set', args: ['account'], secret: ['apiKey'] }),
  'providers.accounts.test': accountProcedure(z.object({ account: AccountRef }).strict(), AccountTestResult, 'Test the connection of an account; lists its models', { name: 'providers test', args: ['account'] }),
  'providers.accounts.remove': accountProcedure(z.object({ account: AccountRef }).strict(), z.object({ removed: z.boolean() }), 'Remove an account and its key', { name: 'providers rm', args: ['account'] }),
  'providers.accounts.use': accountProcedure(UseAccountInput, ModelRoutes, 'Use one model of an account for every role (or for --role ...)', { name: 'providers use', args: ['account', 'model'] }),
} as const;
