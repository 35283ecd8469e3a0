import { OWNER_CLI } from '../shared/auth';
import { createApp, type AuraApp } from '../core/app';
import { locateResources, resolvePaths } from '../core/paths';
import { AuraError } from '../shared/errors';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../shared/contract';
import { version } from '../../package.json';
import type { Command, CommandContext } from './commands';
import { redactSecrets } from '../core/secrets/secret-values';

/** Opens the same core services the hosts use, in this process, with the CLI as the actor. */
function openCliApp(env: NodeJS.ProcessEnv): AuraApp {
  return createApp({
    paths: resolvePaths(env),
    resourcesDir: locateResources(__dirname),
    version,
    runtime: { host: 'headless', electron: null, chromium: async () => null },
    env,
  });
}

/**
 * Opens the app, runs one command on it and closes it; a failure is printed with its hint and becomes the
 * exit code. `stop` (Ctrl-C, SIGTERM) stops running tasks as a shutdown does, leaving them interrupted to
 * resume, not running under a claim nobody renews; the exit code is then 130.
 */
export async function runCommand(command: Command, given: Omit<CommandContext, 'app'>, env: NodeJS.ProcessEnv, printError: (line: string) => void, stop?: AbortSignal): Promise<number> {
  // Nothing reaches the terminal with a secret in it, whatever a command prints (redaction by value).
  const options = { ...given, out: (line: string) => given.out(redactSecrets(line)) };
  const err = (line: string) => printError(redactSecrets(line));
  let app: AuraApp | undefined;
  const onStop = () => {
    err('aura: stopping…');
    void app?.agent.stopAll();
  };
  stop?.addEventListener('abort', onStop, { once: true });
  try {
    app = openCliApp(env);
    const code = await command({ ...options, app });
    return stop?.aborted ? 130 : code;
  } catch (error) {
    if (error instanceof AuraError) {
      err(`aura: ${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`);
      return stop?.aborted ? 130 : error.code === 'BAD_REQUEST' ? 2 : 1;
    }
    err(`aura: ${error instanceof Error ? error.message : String(error)}`);
    return stop?.aborted ? 130 : 1;
  } finally {
    stop?.removeEventListener('abort', onStop);
    await app?.close();
  }
}

/** Calls a procedure through the one dispatcher, so the CLI validates and audits exactly as the UI does. */
export async function call<K extends ProcedureName>(app: AuraApp, method: K, input: ProcedureInput<K>): Promise<ProcedureOutput<K>> {
  const reply = await app.dispatch(method, input, OWNER_CLI);
  if (!reply.ok) throw AuraError.from(reply.error);
  return reply.result as ProcedureOutput<K>;
}
