import { z } from 'zod';
import { CompatiblePreset, ProviderId } from './providers';

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
  .min(8, 'that is too short for an API key')
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
