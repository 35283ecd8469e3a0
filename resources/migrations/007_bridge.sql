-- The bridge (docs/BRIDGE.md): clients paired with the app (the browser extension) and tokens made for
-- scripts. Only the SHA-256 of a token is kept. Revoked clients stay, so the audit trail's actors keep a
-- record; a name is unique among the live ones (`aura bridge token revoke NAME`).
CREATE TABLE bridge_clients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('extension', 'token')),
  origin TEXT,
  scopes TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT,
  revoked_at TEXT
) STRICT;
CREATE UNIQUE INDEX bridge_clients_live_name ON bridge_clients (name) WHERE revoked_at IS NULL;

-- A task sent with a web page (pages.send) keeps the page beside it: the planner and the executor see it
-- as untrusted content. Its own table: task lists never read up to 500k characters of page text.
CREATE TABLE task_pages (
  task_id TEXT PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  selection TEXT
) STRICT;
