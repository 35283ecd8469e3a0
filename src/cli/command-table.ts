import type { Command, CommandContext } from './commands';

// Each command's module, and with it the core, SQLite, the AI SDK and zod, is evaluated only when that
// command runs. The build keeps this file apart from the entry (build/bundle.mjs).
const COMMANDS: Record<string, () => Promise<Command>> = {
  status: async () => (await import('./commands')).status,
  'audit verify': async () => (await import('./commands')).auditVerify,
  'settings get': async () => (await import('./commands')).settingsGet,
  'settings set': async () => (await import('./commands')).settingsSet,
  backup: async () => (await import('./commands')).backup,
  'workspaces list': async () => (await import('./commands')).workspacesList,
  'workspaces add': async () => (await import('./commands')).workspacesAdd,
  run: async () => (await import('./run-command')).runGoal,
  'tasks list': async () => (await import('./tasks-commands')).tasksList,
  'tasks show': async () => (await import('./tasks-commands')).tasksShow,
  'tasks resume': async () => (await import('./run-command')).tasksResume,
  'tools list': async () => (await import('./tools-commands')).toolsList,
  'tools call': async () => (await import('./tools-commands')).toolsCall,
};

/** Finds the longest command name the positionals start with (`settings set theme dark` → `settings set`). */
function route(positionals: string[]): { load: () => Promise<Command>; args: string[] } | null {
  for (const words of [2, 1]) {
    const load = COMMANDS[positionals.slice(0, words).join(' ')];
    if (load) return { load, args: positionals.slice(words) };
  }
  return null;
}

/** Runs the command the positionals name with the parsed options; an unknown command exits 2. */
export async function runCommandLine(positionals: string[], options: Omit<CommandContext, 'app' | 'args'>, env: NodeJS.ProcessEnv, err: (line: string) => void, stop?: AbortSignal): Promise<number> {
  const routed = route(positionals);
  if (!routed) {
    err(`aura: unknown command "${positionals.join(' ')}".\nRun \`aura --help\` for the commands.`);
    return 2;
  }
  const [command, { runCommand }] = await Promise.all([routed.load(), import('./cli-app')]);
  return runCommand(command, { ...options, args: routed.args }, env, err, stop);
}
