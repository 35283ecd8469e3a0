-- Provider accounts (src/shared/provider-accounts.ts): a provider, its endpoint and a monthly budget. The API
-- key is sealed in the vault as `provider-key.<id>`, never here: `has_key` only says whether there is one.
CREATE TABLE provider_accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  provider TEXT NOT NULL,
  preset TEXT,
  base_url TEXT,
  has_key INTEGER NOT NULL DEFAULT 0,
  monthly_budget_usd REAL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Which account served each model call: the month's spend of an account is the sum of its calls' cost.
ALTER TABLE model_calls ADD COLUMN account_id TEXT;
CREATE INDEX model_calls_by_account ON model_calls (account_id, created_at) WHERE account_id IS NOT NULL;
