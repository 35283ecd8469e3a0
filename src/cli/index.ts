import { enableCompileCache } from 'node:module';
import { parseArgs } from 'node:util';
// esbuild inlines the one field as a string: `--version` reads no file.
import { version } from '../../package.json';

const HELP = `Aura Work ${version} — local-first AI agent workspace

Usage: aura <command> [options]

Commands:
  status                      Data folder, database health, audit size
  audit verify                Check the audit chain; exit 1 names the first bad entry
  settings get [KEY]          Print all settings, or one
  settings set KEY VALUE      Change a setting (audited), e.g. aura settings set theme dark
  backup FILE                 Write an online backup of the database to FILE
  workspaces list             List workspaces
  workspaces add PATH [NAME]  Add a folder as a workspace
  run "GOAL"                  Plan, run and review a task; exits 0 only when it is done
      [--workspace DIR] [--provider ID --model NAME [--base-url URL]] [--profile NAME | --yes]
  tasks list                  Tasks, newest first
  tasks show ID               The whole history of a task
  tasks resume ID             Go on with an interrupted or failed task, live
  tools list                  The tools the agent can use
  tools call NAME 'JSON'      Run one tool through the permission gate and audit
      [--workspace DIR] [--yes]

Options:
  --json                      Machine-readable output
  -h, --help                  This help
  -v, --version               Print the version

Data folder: $AURA_HOME, else the per-OS app-data folder.`;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  yes: { type: 'boolean', short: 'y' },
  workspace: { type: 'string' },
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  profile: { type: 'string' },
} as const;

/**
 * Runs one command line: help, version and bad options are answered here, before any command is loaded.
 * `stop` (Ctrl-C, SIGTERM) stops running tasks as a shutdown does; the exit code is then 130.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, err: (line: string) => void, stop?: AbortSignal): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    err(`aura: ${(error as Error).message}\nRun \`aura --help\` for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) return out(HELP), 0;
  if (values.version) return out(version), 0;
  if (!positionals.length) return err(HELP), 2;
  // Everything past this point (the core, SQLite, the AI SDK, zod) loads only now, so `--help` and
  // `--version` start about as fast as node itself; `npm run bench` prints the figure. Node keeps the
  // code it compiles for them in its cache folder, so a command starts sooner from its second run.
  enableCompileCache();
  const { runCommandLine } = await import('./command-table');
  const options = {
    json: values.json ?? false,
    out,
    yes: values.yes ?? false,
    workspace: values.workspace,
    provider: values.provider,
    baseUrl: values['base-url'],
    model: values.model,
    profile: values.profile,
  };
  return runCommandLine(positionals, options, env, err, stop);
}

if (require.main === module) {
  const stop = new AbortController();
  const onSignal = () => {
    // A second Ctrl-C does not wait for the tasks to wind down.
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  void runCli(process.argv.slice(2), process.env, (line) => console.log(line), (line) => console.error(line), stop.signal).then((code) => {
    process.exitCode = code;
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  });
}
