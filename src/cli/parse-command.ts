import { CliError } from './cli-error';
import type { CliManifest, CommandSpec, OptionSpec } from './manifest';

/** Options every command understands, besides its input fields. */
export interface GlobalOptions {
  json: boolean;
  yes: boolean;
  help: boolean;
  workspace?: string;
  profile?: string;
  provider?: string;
  model?: string;
  baseUrl?: string;
}

const GLOBAL_FLAGS: Record<string, keyof GlobalOptions> = {
  '--json': 'json',
  '--yes': 'yes',
  '-y': 'yes',
  '--help': 'help',
  '-h': 'help',
  '--workspace': 'workspace',
  '--profile': 'profile',
  '--provider': 'provider',
  '--model': 'model',
  '--base-url': 'baseUrl',
};
const BOOLEAN_GLOBALS = new Set<keyof GlobalOptions>(['json', 'yes', 'help']);

export interface ParsedCommand {
  spec: CommandSpec;
  /** The procedure's input, as far as the command line gives it; the host validates it. */
  input: Record<string, unknown>;
  globals: GlobalOptions;
}

const usage = (message: string, spec?: CommandSpec) => new CliError('BAD_REQUEST', message, spec ? `Usage: ${usageLine(spec)}` : 'Run `aura --help` for the commands.');

export function usageLine(spec: CommandSpec): string {
  const args = spec.args.map((arg, i) => {
    const option = spec.options.find((o) => o.field === arg);
    const name = `${arg.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}${spec.rest && i === spec.args.length - 1 ? '…' : ''}`;
    return option?.required ? name : `[${name}]`;
  });
  const options = spec.options
    .filter((o) => !spec.args.includes(o.field))
    .map((o) => {
      const text = `${o.aliases?.[0] ?? o.flag}${o.type === 'boolean' ? '' : ` ${o.choices ? o.choices.join('|') : o.type === 'list' ? 'X' : 'VALUE'}`}`;
      return `${o.required ? text : `[${text}]`}${o.type === 'list' ? '…' : ''}`;
    });
  return ['aura', ...spec.words, ...args, ...options].join(' ');
}

/** The longest command of the manifest the positionals start with (`tasks show ID` → `tasks show`). */
export function routeCommand(manifest: CliManifest, words: string[]): { spec: CommandSpec; rest: string[] } | null {
  let best: CommandSpec | null = null;
  for (const spec of manifest.commands) {
    if (spec.words.every((word, i) => words[i] === word) && spec.words.length > (best?.words.length ?? 0)) best = spec;
  }
  return best ? { spec: best, rest: words.slice(best.words.length) } : null;
}

function coerce(option: OptionSpec, raw: string, spec: CommandSpec): unknown {
  if (option.nullable && raw === 'none') return null;
  switch (option.type) {
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw usage(`${option.flag} needs a number, not "${raw}".`, spec);
      return value;
    }
    case 'boolean':
      if (/^(true|yes|y|1)$/i.test(raw)) return true;
      if (/^(false|no|n|0)$/i.test(raw)) return false;
      throw usage(`${option.flag} is yes or no, not "${raw}".`, spec);
    case 'json':
      // JSON when it parses as JSON (`null`, `{"a":1}`, `30000`), plain text otherwise (`dark`).
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    default:
      if (option.choices && !option.choices.includes(raw)) throw usage(`Unknown ${option.field} "${raw}". Choose one of: ${option.choices.join(', ')}.`, spec);
      return raw;
  }
}

/**
 * Splits argv into the command's words, its input fields and the global options. `globalsTaken` names the
 * global options each procedure takes; a global flag a command does not take but has a field of the same
 * name for (`providers add --provider --base-url`) fills that field.
 */
export function parseCommandLine(manifest: CliManifest, argv: string[], globalsTaken: Readonly<Record<string, readonly string[]>> = {}): ParsedCommand | { help: true; words: string[] } {
  const globals: GlobalOptions = { json: false, yes: false, help: false };
  const globalFlags: [string, string][] = [];
  const words: string[] = [];
  const flags: [string, string | undefined][] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]!;
    if (token === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      words.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const flag = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const global = GLOBAL_FLAGS[flag];
    if (global && BOOLEAN_GLOBALS.has(global)) {
      (globals as unknown as Record<string, boolean>)[global] = inline === undefined ? true : /^(true|yes|1)$/i.test(inline);
      continue;
    }
    if (global) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw usage(`${flag} needs a value.`);
      (globals as unknown as Record<string, string>)[global] = value;
      globalFlags.push([flag, value]);
      continue;
    }
    flags.push([flag, inline ?? (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') ? argv[++i] : undefined)]);
  }
  const routed = routeCommand(manifest, words);
  if (globals.help) return { help: true, words };
  if (!routed) throw usage(words.length ? `unknown command "${words.join(' ')}".` : 'Say what to do.');
  const { spec, rest } = routed;
  for (const [flag, value] of globalFlags) {
    const global = GLOBAL_FLAGS[flag]!;
    if (!globalsTaken[spec.procedure]?.includes(global) && spec.options.some((o) => o.flag === flag)) {
      flags.push([flag, value]);
      delete (globals as unknown as Record<string, unknown>)[global];
    }
  }
  const input: Record<string, unknown> = {};
  for (const [flag, value] of flags) {
    const option = spec.options.find((o) => o.flag === flag || o.aliases?.includes(flag));
    if (!option) throw usage(`Unknown option '${flag}' for \`aura ${spec.words.join(' ')}\`.`, spec);
    if (option.type === 'boolean' && value === undefined) input[option.field] = true;
    else if (value === undefined) throw usage(`${flag} needs a value.`, spec);
    else if (option.type === 'list') input[option.field] = [...((input[option.field] as string[] | undefined) ?? []), value];
    else input[option.field] = coerce(option, value, spec);
  }
  const last = spec.options.find((o) => o.field === spec.args.at(-1));
  // A rest argument takes the rest of the line: as words for a list (`mcp add NAME -- COMMAND ARGS…`), else as one text.
  if (spec.rest && last && rest.length >= spec.args.length) {
    const tail = rest.slice(spec.args.length - 1);
    rest.splice(spec.args.length - 1, tail.length);
    input[last.field] = last.type === 'list' ? tail : tail.join(' ');
  }
  const fixed = spec.rest && last && input[last.field] !== undefined ? spec.args.slice(0, -1) : spec.args;
  if (rest.length > fixed.length) throw usage(`Too many arguments for \`aura ${spec.words.join(' ')}\`.`, spec);
  rest.forEach((value, i) => {
    const option = spec.options.find((o) => o.field === fixed[i])!;
    input[option.field] = coerce(option, value, spec);
  });
  return { spec, input, globals };
}
