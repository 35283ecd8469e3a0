import type { McpApproveResult, McpImportResult, McpPendingChange, McpServerInfo } from '../shared/mcp';

// Types only: nothing here loads zod or the contract at run time.

type Printer = (result: never, out: (line: string) => void) => number | void;

/** Server text (descriptions, names, log lines) must not drive the terminal: control characters become '?'. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
const oneLine = (text: string, max: number) => {
  const line = printable(text.replace(/\s+/g, ' ').trim());
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function how(server: McpServerInfo): string {
  if (server.kind === 'http') return `${server.url}${server.headerNames.length ? ` (headers: ${server.headerNames.join(', ')})` : ''}`;
  const grants = [server.sandbox ? 'in its sandbox' : 'WITHOUT a sandbox', server.network ? 'network on' : 'no network', ...(server.writable.length ? [`writes ${server.writable.join(', ')}`] : []), ...(server.readable.length ? [`reads ${server.readable.join(', ')}`] : [])];
  return `${(server.command ?? []).join(' ')}\n    ${grants.join('; ')}${server.envNames.length ? `; variables: ${server.envNames.join(', ')}` : ''}`;
}

function diffLines(changes: readonly McpPendingChange[]): string[] {
  return changes.flatMap((change) => [`  ${change.kind === 'new' ? 'New tool' : 'Changed tool'} ${printable(change.tool)}:`, ...printable(change.diff).split('\n').map((line) => `    ${line}`)]);
}

/** A server in full: how it runs, its state, its tools (their descriptions are the server's words), what is held. */
export function describeServer(server: McpServerInfo): string {
  const held = server.tools.filter((tool) => tool.state === 'held').length;
  const lines = [
    `${server.name}  ${server.status}${server.restarts ? ` (restarted ${server.restarts}×)` : ''}  ${server.tools.length} tools${held ? `, ${held} held` : ''}, ${server.resources.length} resources, ${server.prompts.length} prompts`,
    `    ${how(server)}`,
    ...(server.error ? [`    ${printable(server.error)}`] : []),
    ...(server.authUrl ? [`    Sign in: ${server.authUrl}`] : []),
  ];
  if (server.tools.length) {
    lines.push('    Tools (descriptions are the server’s own words, not Aura’s):');
    for (const tool of server.tools) lines.push(`      ${tool.state === 'held' ? 'HELD ' : ''}${tool.name.padEnd(40)} ${tool.risk.padEnd(8)} ${oneLine(tool.description, 90)}`);
  }
  if (server.pending.length) {
    lines.push(`    Held until you approve them (aura mcp approve ${server.name}):`, ...diffLines(server.pending).map((line) => `  ${line}`));
  }
  return lines.join('\n');
}

const approveLines = ({ server, approved }: McpApproveResult) =>
  approved.length ? [`Approved ${approved.length} definition${approved.length === 1 ? '' : 's'} of ${server.name}; their tools are callable now:`, ...diffLines(approved)].join('\n') : `Nothing of ${server.name} was waiting for approval.`;

/** How MCP's procedures read on a terminal; spread into print-result's table. */
export const MCP_PRINTERS: Record<string, Printer> = {
  'mcp.list': (servers: McpServerInfo[], out) => out(servers.length ? servers.map(describeServer).join('\n\n') : 'No MCP servers yet. Add one: aura mcp add NAME -- COMMAND [ARGS…]'),
  'mcp.add': (server: McpServerInfo, out) => {
    out(`Added ${server.name}.\n${describeServer(server)}`);
    return server.status === 'ready' ? 0 : 1;
  },
  'mcp.restart': (server: McpServerInfo, out) => out(describeServer(server)),
  'mcp.enable': (server: McpServerInfo, out) => out(describeServer(server)),
  'mcp.disable': (server: McpServerInfo, out) => out(`${server.name} is off; its tools are withdrawn.`),
  'mcp.remove': ({ removed }: { removed: boolean }, out) => out(removed ? 'Removed.' : 'There was no such server.'),
  'mcp.approve': (result: McpApproveResult, out) => out(approveLines(result)),
  'mcp.import': ({ added, skipped }: McpImportResult, out) => {
    out([...added.map((server) => `Added ${describeServer(server)}`), ...skipped.map((item) => `Skipped ${printable(item.name)}: ${printable(item.reason)}`)].join('\n\n') || 'The file names no servers.');
    return skipped.length ? 1 : 0;
  },
  'mcp.logs': ({ lines }: { lines: string[] }, out) => out(lines.length ? lines.map(printable).join('\n') : 'Nothing logged yet.'),
  'mcp.resources.read': ({ text }: { text: string }, out) => out(printable(text)),
  'mcp.prompts.get': ({ text }: { text: string }, out) => out(printable(text)),
  'mcp.resources.attach': ({ taskId }: { taskId: string }, out) => out(`Started task ${taskId}; follow it with: aura tasks show ${taskId}`),
  'mcp.prompts.run': ({ taskId }: { taskId: string }, out) => out(`Started task ${taskId}; follow it with: aura tasks show ${taskId}`),
};
