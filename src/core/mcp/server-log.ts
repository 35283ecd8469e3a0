import { MCP_LIMITS } from '../../shared/mcp';
import { redactSecrets } from '../secrets/secret-values';

/** A server's last log lines (its stderr, its log notifications, what Aura saw happen to it), redacted, bounded. */
export class ServerLog {
  private readonly lines: string[] = [];

  add(...lines: string[]): void {
    const at = new Date().toISOString().slice(11, 19);
    for (const line of lines) {
      const cut = line.length > MCP_LIMITS.logLineChars ? `${line.slice(0, MCP_LIMITS.logLineChars)}…` : line;
      this.lines.push(`${at} ${redactSecrets(cut)}`);
    }
    if (this.lines.length > MCP_LIMITS.logLines) this.lines.splice(0, this.lines.length - MCP_LIMITS.logLines);
  }

  all(): string[] {
    return [...this.lines];
  }

  /** The last line the server itself wrote (not one of Aura's notes), for an error message. */
  lastWords(): string | null {
    for (let i = this.lines.length - 1; i >= 0; i -= 1) {
      const text = this.lines[i]!.slice(9);
      if (!text.startsWith('[aura]')) return text;
    }
    return null;
  }
}
