-- MCP servers (docs/MCP.md): what the user added, and the tool definitions they approved. A server's config
-- (its command or URL, the variables and headers set for it, its sandbox grants) is one JSON document; the
-- values of its variables and headers are secrets, redacted everywhere they could be shown.
CREATE TABLE mcp_servers (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  config TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- The rug-pull defence: each approved tool definition and its hash. A listed tool whose definition hashes
-- otherwise is held until approved again; the definition kept here is what the diff is shown against.
CREATE TABLE mcp_tool_approvals (
  server TEXT NOT NULL REFERENCES mcp_servers (name) ON DELETE CASCADE ON UPDATE CASCADE,
  tool TEXT NOT NULL,
  hash TEXT NOT NULL,
  definition TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  PRIMARY KEY (server, tool)
) STRICT;

-- OAuth for HTTP servers that ask for it: the client registration, tokens and the PKCE verifier of a flow
-- under way, kept by the SDK's auth provider. Secrets, like the server's headers.
CREATE TABLE mcp_oauth (
  server TEXT PRIMARY KEY REFERENCES mcp_servers (name) ON DELETE CASCADE ON UPDATE CASCADE,
  client_information TEXT,
  tokens TEXT,
  code_verifier TEXT
) STRICT;
