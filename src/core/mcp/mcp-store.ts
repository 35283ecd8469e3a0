import { McpServerConfig, McpToolDefinition, type McpServerConfig as ServerConfig } from '../../shared/mcp';
import type { AuditLog, AuditRecord } from '../audit/audit-log';
import type { AuditEntry } from '../../shared/contract';
import type { Db } from '../store/database';
import { statementCache } from '../store/statement-cache';
import type { ApprovedDefinition } from './tool-definitions';

interface ServerRow {
  name: string;
  config: string;
}
interface ApprovalRow {
  tool: string;
  hash: string;
  definition: string;
}
export interface OAuthRow {
  client_information: string | null;
  tokens: string | null;
  code_verifier: string | null;
}

/**
 * The MCP servers and their approved tool definitions (migration 008). Every change is written in one
 * transaction with its audit entry; what is audited names variables and headers, never their values.
 */
export class McpStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {
    this.sql = statementCache(db);
  }

  servers(): ServerConfig[] {
    return (this.sql('SELECT name, config FROM mcp_servers ORDER BY created_at, name').all() as ServerRow[]).flatMap((row) => {
      const parsed = McpServerConfig.safeParse(JSON.parse(row.config));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Inserts or replaces a server's config; `fresh` also forgets what was approved for it. */
  save(config: ServerConfig, audit: AuditRecord, fresh = false): AuditEntry {
    return this.db
      .transaction(() => {
        const now = new Date().toISOString();
        if (fresh) this.sql('DELETE FROM mcp_servers WHERE name = ?').run(config.name);
        this.sql('INSERT INTO mcp_servers (name, config, created_at, updated_at) VALUES (@name, @config, @now, @now) ON CONFLICT (name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at').run({ name: config.name, config: JSON.stringify(config), now });
        return this.audit.appendInTransaction(audit);
      })
      .immediate();
  }

  remove(name: string, audit: AuditRecord): AuditEntry | null {
    return this.db
      .transaction(() => {
        if (this.sql('DELETE FROM mcp_servers WHERE name = ?').run(name).changes === 0) return null;
        return this.audit.appendInTransaction(audit);
      })
      .immediate();
  }

  approved(server: string): Map<string, ApprovedDefinition> {
    const rows = this.sql('SELECT tool, hash, definition FROM mcp_tool_approvals WHERE server = ?').all(server) as ApprovalRow[];
    return new Map(rows.map((row) => [row.tool, { hash: row.hash, definition: McpToolDefinition.parse(JSON.parse(row.definition)) }]));
  }

  /** Records these definitions as approved (replacing what was approved for the same tools). */
  approve(server: string, definitions: { tool: string; hash: string; definition: McpToolDefinition }[], audit: AuditRecord): AuditEntry {
    return this.db
      .transaction(() => {
        const now = new Date().toISOString();
        const upsert = this.sql('INSERT INTO mcp_tool_approvals (server, tool, hash, definition, approved_at) VALUES (@server, @tool, @hash, @definition, @now) ON CONFLICT (server, tool) DO UPDATE SET hash = excluded.hash, definition = excluded.definition, approved_at = excluded.approved_at');
        for (const item of definitions) upsert.run({ server, tool: item.tool, hash: item.hash, definition: JSON.stringify(item.definition), now });
        return this.audit.appendInTransaction(audit);
      })
      .immediate();
  }

  oauth(server: string): OAuthRow | null {
    return (this.sql('SELECT client_information, tokens, code_verifier FROM mcp_oauth WHERE server = ?').get(server) as OAuthRow | undefined) ?? null;
  }

  saveOAuth(server: string, field: keyof OAuthRow, value: string | null): void {
    this.sql('INSERT INTO mcp_oauth (server) VALUES (?) ON CONFLICT (server) DO NOTHING').run(server);
    // The column comes from the type above, never from input.
    this.sql(`UPDATE mcp_oauth SET ${field} = ? WHERE server = ?`).run(value, server);
  }
}
