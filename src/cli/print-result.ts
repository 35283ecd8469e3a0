import type { AuditVerdict, Diagnostics, Workspace } from '../shared/contract';
import type { Settings } from '../shared/settings';
import type { Task } from '../shared/tasks';
import type { ToolInfo } from '../shared/tools';
import { MCP_PRINTERS } from './mcp-print';
import { VAULT_PRINTERS } from './vault-print';
import { PROVIDER_PRINTERS } from './providers-print';
import { PROFILE_PRINTERS } from './profiles-print';

// Types only: nothing here loads zod or the contract at run time.

/** Model and tool text must not drive the terminal: control characters (escape sequences) are shown as '?'. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');

interface BridgeClientLike {
  name: string;
  kind: string;
  scopes: string[];
  lastSeenAt: string | null;
}

type Printer = (result: never, out: (line: string) => void) => number | void;

const taskLine = (t: Task) => `${t.id}  ${t.status.padEnd(16)} $${t.usage.costUsd.toFixed(4)}  ${printable(t.goal.split('\n')[0]!.slice(0, 80))}`;

/** How each procedure's result reads on a terminal; `--json` prints the result itself. Returns the exit code. */
const PRINTERS: Record<string, Printer> = {
  'diagnostics.get': (d: Diagnostics, out) =>
    out(
      [
        `Aura Work ${d.app.version} (${d.app.host} host)`,
        `Data folder:   ${d.paths.home}`,
        `Database:      ${d.paths.database} (schema ${d.database.schemaVersion}, integrity ${d.database.integrity})`,
        `Node:          ${d.runtime.node}`,
      ].join('\n'),
    ),
  'audit.verify': (v: AuditVerdict, out) => {
    out(v.ok ? `OK: ${v.count} entries, head ${v.head ?? '(empty)'}` : `BROKEN at entry ${v.firstBad?.seq}: ${v.firstBad?.reason} (${v.count} entries before it are intact)`);
    if (v.checkpoint) out(`Checkpoint (${v.checkpoint.state}): ${v.checkpoint.message}`);
    return v.ok ? 0 : 1;
  },
  'settings.getAll': (s: Settings, out) => out(Object.entries(s).map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join('\n')),
  'settings.get': (s: { key: string; value: unknown }, out) => out(JSON.stringify(s.value)),
  'settings.set': (s: Settings, out) => out(Object.entries(s).map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join('\n')),
  'workspaces.list': (list: Workspace[], out) => out(list.length ? list.map((w) => `${w.id}  ${w.name}  ${w.path}`).join('\n') : 'No workspaces yet. Add one: aura workspaces add PATH'),
  'workspaces.add': (w: Workspace, out) => out(`Added workspace ${w.name} (${w.id}) at ${w.path}`),
  'backup.create': (b: { path: string; bytes: number }, out) => out(`Backup written to ${b.path} (${b.bytes} bytes)`),
  'tasks.list': ({ tasks }: { tasks: Task[] }, out) => out(tasks.length ? tasks.map(taskLine).join('\n') : 'No tasks yet. Start one: aura run "GOAL"'),
  'tasks.cancel': (t: Task, out) => out(`Task ${t.id}: ${t.status}`),
  'tools.list': (tools: ToolInfo[], out) => out(tools.map((t) => `${t.name.padEnd(20)} ${t.risk.padEnd(8)} ${t.description}`).join('\n')),
  'bridge.tokens.create': ({ token, client }: { token: string; client: BridgeClientLike }, out) =>
    out(`Token for ${client.name} (${client.scopes.join(', ')}), shown this once — keep it somewhere safe:\n${token}`),
  'bridge.clients.list': (clients: BridgeClientLike[], out) =>
    out(clients.length ? clients.map((c) => `${c.name.padEnd(24)} ${c.kind.padEnd(9)} ${c.scopes.join(',').padEnd(44)} last seen ${c.lastSeenAt ?? 'never'}`).join('\n') : 'No paired clients or tokens. Pair the browser extension, or: aura bridge token create --name NAME --scope tasks:read'),
  'bridge.clients.revoke': ({ revoked }: { revoked: boolean }, out) => {
    out(revoked ? 'Revoked: its next request is refused.' : 'No client or token by that name.');
    return revoked ? 0 : 1;
  },
  'bridge.pairings.approve': (client: BridgeClientLike, out) => out(`Paired ${client.name} (${client.scopes.join(', ')}).`),
  // A tool's output is printed as it is: text as text, anything else as JSON.
  'tools.call': ({ output }: { output: unknown }, out) => out(typeof output === 'string' ? output : JSON.stringify(output, null, 2)),
  ...MCP_PRINTERS,
  ...VAULT_PRINTERS,
  ...PROVIDER_PRINTERS,
  ...PROFILE_PRINTERS,
};

export function printResult(procedure: string, result: unknown, json: boolean, out: (line: string) => void): number {
  if (json) return out(JSON.stringify(result, null, 2)), 0;
  const printer = PRINTERS[procedure];
  if (printer) return printer(result as never, out) ?? 0;
  out(typeof result === 'string' ? result : JSON.stringify(result, null, 2));
  return 0;
}
