import type { CliManifest } from './manifest';
import { routeCommand, usageLine } from './parse-command';

const HOST_HELP = [
  ['host status', 'The running host: its kind, pid, addresses'],
  ['host start', 'Start a background host (no window) if none runs'],
  ['host stop', 'Stop the background host (tasks it runs are left interrupted, to resume)'],
  ['mcp serve', 'Serve Aura Work\'s task tools to an MCP client over stdio (its command: aura mcp serve)'],
];

/** `aura --help`: every command of the contract, with its arguments, then the options all commands share. */
export function overallHelp(manifest: CliManifest): string {
  const rows = manifest.commands.filter((c) => c.procedure !== 'host.info').map((c) => [`${[...c.words, ...c.args.map((a) => a.toUpperCase())].join(' ')}`, c.summary]);
  const all = [...rows, ...HOST_HELP];
  const width = Math.min(34, Math.max(...all.map(([name]) => name!.length)) + 2);
  return [
    `Aura Work ${manifest.version} — local-first AI agent workspace`,
    '',
    'Usage: aura <command> [arguments] [options]',
    '',
    'Commands:',
    // A name too long for the column takes a line of its own, its summary under the column.
    ...all.map(([name, summary]) => (name!.length + 2 > width ? `  ${name}\n  ${' '.repeat(width)}${summary}` : `  ${name!.padEnd(width)}${summary}`)),
    '',
    'Options:',
    '  --json                      Machine-readable output',
    '  --workspace DIR             Where `run` and `tools call` work (default: the current folder)',
    '  --yes                       Allow what would ask (run, tools call)',
    '  --profile ID                run: read-only, ask, auto-edit, yes or yours (aura profiles list)',
    '  --provider ID --model NAME [--base-url URL]   run: one model for every role',
    '  -h, --help                  This help; `aura COMMAND --help` for one command',
    '  -v, --version               Print the version',
    '',
    'Commands are calls to the Aura Work host that owns the data folder ($AURA_HOME, else the per-OS',
    'app-data folder); when none runs, the first command starts one in the background.',
  ].join('\n');
}

/** `aura COMMAND --help`: its usage line and its options, as the contract declares them. */
export function commandHelp(manifest: CliManifest, words: string[]): string | null {
  const routed = routeCommand(manifest, words);
  if (!routed) return groupHelp(manifest, words);
  const { spec } = routed;
  const options = spec.options.filter((o) => !spec.args.includes(o.field));
  const flags = options.map((o) => [...(o.aliases ?? []), o.flag].join(', '));
  const width = Math.max(20, ...flags.map((flag) => flag.length + 2));
  return [
    spec.summary,
    '',
    `Usage: ${usageLine(spec)}`,
    ...(options.length ? ['', 'Options:', ...options.map((o, i) => `  ${flags[i]!.padEnd(width)}${o.type === 'list' ? 'repeatable' : o.type}${o.choices ? `: ${o.choices.join(', ')}` : ''}${o.nullable ? ' (none clears it)' : ''}${o.required ? ' (required)' : ''}${o.description ? ` — ${o.description}` : ''}`)] : []),
  ].join('\n');
}

/** `aura providers --help`: the commands of a group, each with its usage line. */
function groupHelp(manifest: CliManifest, words: string[]): string | null {
  const group = manifest.commands.filter((c) => words.length > 0 && words.every((word, i) => c.words[i] === word));
  if (!group.length) return null;
  return [`aura ${words.join(' ')} — ${group.length} command${group.length === 1 ? '' : 's'}:`, ...group.flatMap((c) => ['', `  ${usageLine(c)}`, `      ${c.summary}`]), '', `\`aura ${words.join(' ')} COMMAND --help\` for one command's options.`].join('\n');
}
