/** The CLI's view of the contract, generated at build time (build/bundle.mjs) so the CLI never loads zod. */

export type OptionType = 'string' | 'number' | 'boolean' | 'json' | 'list';

export interface OptionSpec {
  field: string;
  /** `--kebab-case` of the field. */
  flag: string;
  /** A list field is given one item per flag, by its singular too (`--scope a --scope b` for `scopes`). */
  aliases?: string[];
  type: OptionType;
  required: boolean;
  choices?: string[];
  /** The field may be cleared: `none` gives null (`--monthly-budget-usd none`). */
  nullable?: boolean;
  description?: string;
}

export interface CommandSpec {
  /** The command's words: `aura tasks show …` → ['tasks', 'show']. */
  words: string[];
  procedure: string;
  summary: string;
  /** Input fields taken by position; the last may take the rest of the line (`rest`). */
  args: string[];
  rest: boolean;
  follow: boolean;
  options: OptionSpec[];
}

export interface CliManifest {
  version: string;
  commands: CommandSpec[];
}
