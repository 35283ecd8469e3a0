-- Permission profiles the user made (copies of the built-in ones, edited). The built-in profiles are constants
-- in code (core/permissions/builtin-profiles.ts), never rows: they cannot change. A profile's defaults and rules
-- are one JSON document (PermissionProfileDoc without its id and built-in flag), validated when read.
CREATE TABLE permission_profiles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  doc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
