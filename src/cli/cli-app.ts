import { createApp, type AuraApp } from '../core/app';
import { locateResources, resolvePaths } from '../core/paths';
import { AuraError } from '../shared/errors';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../shared/contract';
import { version } from '../../package.json';

/** Opens the same core services the hosts use, in this process, with the CLI as the actor. */
export function openCliApp(env: NodeJS.ProcessEnv): AuraApp {
  return createApp({
    paths: resolvePaths(env),
    resourcesDir: locateResources(__dirname),
    version,
    runtime: { host: 'headless', electron: null, chromium: async () => null },
    env,
  });
}

/** Calls a procedure through the one dispatcher, so the CLI validates and audits exactly as the UI does. */
export async function call<K extends ProcedureName>(app: AuraApp, method: K, input: ProcedureInput<K>): Promise<ProcedureOutput<K>> {
  const reply = await app.dispatch(method, input, { actor: 'cli' });
  if (!reply.ok) throw AuraError.from(reply.error);
  return reply.result as ProcedureOutput<K>;
}

export { version };
