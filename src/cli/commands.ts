import type { AuraApp } from '../core/app';
import { AuraError } from '../shared/errors';
import { SettingKey } from '../shared/settings';
import { call } from './cli-app';

export interface CommandContext {
  app: AuraApp;
  args: string[];
  json: boolean;
  out: (line: string) => void;
  yes: boolean;
  workspace?: string | undefined;
  provider?: string | undefined;
  baseUrl?: string | undefined;
  model?: string | undefined;
  profile?: string | undefined;
}

/** What a command returns: the process exit code. */
export type Command = (ctx: CommandContext) => Promise<number>;

const usageError = (message: string) => new AuraError('BAD_REQUEST', message, 'Run `aura --help` for the commands and their arguments.');

const print = (ctx: CommandContext, value: unknown, text: () => string) => ctx.out(ctx.json ? JSON.stringify(value, null, 2) : text());

export const status: Command = async (ctx) => {
  const diagnostics = await call(ctx.app, 'diagnostics.get', {});
  const workspaces = await call(ctx.app, 'workspaces.list', {});
  const summary = {
    version: diagnostics.app.version,
    home: diagnostics.paths.home,
    database: diagnostics.paths.database,
    schemaVersion: diagnostics.database.schemaVersion,
    integrity: diagnostics.database.integrity,
    auditEntries: ctx.app.audit.count(),
    workspaces: workspaces.length,
  };
  print(ctx, summary, () =>
    [
      `Aura Work ${summary.version}`,
      `Data folder:   ${summary.home}`,
      `Database:      ${summary.database} (schema ${summary.schemaVersion}, integrity ${summary.integrity})`,
      `Audit entries: ${summary.auditEntries}`,
      `Workspaces:    ${summary.workspaces}`,
    ].join('\n'),
  );
  return 0;
};

export const auditVerify: Command = async (ctx) => {
  const verdict = await call(ctx.app, 'audit.verify', {});
  print(ctx, verdict, () =>
    verdict.ok
      ? `OK: ${verdict.count} entries, head ${verdict.head ?? '(empty)'}`
      : `BROKEN at entry ${verdict.firstBad?.seq}: ${verdict.firstBad?.reason} (${verdict.count} entries before it are intact)`,
  );
  return verdict.ok ? 0 : 1;
};

export const settingsGet: Command = async (ctx) => {
  const settings = await call(ctx.app, 'settings.getAll', {});
  const [key] = ctx.args;
  if (key === undefined) {
    print(ctx, settings, () => Object.entries(settings).map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join('\n'));
    return 0;
  }
  const parsedKey = SettingKey.safeParse(key);
  if (!parsedKey.success) throw usageError(`Unknown setting "${key}". Settings: ${SettingKey.options.join(', ')}.`);
  print(ctx, settings[parsedKey.data], () => JSON.stringify(settings[parsedKey.data]));
  return 0;
};

export const settingsSet: Command = async (ctx) => {
  const [key, raw, ...rest] = ctx.args;
  if (key === undefined || raw === undefined || rest.length) throw usageError('Usage: aura settings set KEY VALUE');
  const settings = await call(ctx.app, 'settings.set', { key, value: parseValue(raw) } as never);
  print(ctx, settings, () => `${key} = ${JSON.stringify(settings[key as keyof typeof settings])}`);
  return 0;
};

export const backup: Command = async (ctx) => {
  const [file, ...rest] = ctx.args;
  if (file === undefined || rest.length) throw usageError('Usage: aura backup FILE');
  const result = await ctx.app.backup(file, 'cli');
  print(ctx, result, () => `Backup written to ${result.path} (${result.bytes} bytes)`);
  return 0;
};

export const workspacesList: Command = async (ctx) => {
  const list = await call(ctx.app, 'workspaces.list', {});
  print(ctx, list, () => (list.length ? list.map((w) => `${w.id}  ${w.name}  ${w.path}`).join('\n') : 'No workspaces yet. Add one: aura workspaces add PATH'));
  return 0;
};

export const workspacesAdd: Command = async (ctx) => {
  const [path, name, ...rest] = ctx.args;
  if (path === undefined || rest.length) throw usageError('Usage: aura workspaces add PATH [NAME]');
  const workspace = await call(ctx.app, 'workspaces.add', { path, name: name ?? path.split(/[\\/]/).filter(Boolean).pop() ?? path });
  print(ctx, workspace, () => `Added workspace ${workspace.name} (${workspace.id}) at ${workspace.path}`);
  return 0;
};

/** Values are JSON when they parse as JSON (`null`, `"x"`), plain text otherwise (`dark`). */
function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
