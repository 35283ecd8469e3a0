import type { Diagnostics } from '../../../shared/contract';

/**
 * The plain-text report "Copy diagnostics" puts on the clipboard. It is for bug reports, so it uses
 * stable English keys and raw values whatever the UI language: whoever reads it can grep it.
 */
export function diagnosticsReport(diagnostics: Diagnostics, generatedAt: Date): string {
  const { app, runtime, paths, database } = diagnostics;
  const line = (key: string, value: string | number | null) => `${key}: ${value ?? 'n/a'}`;
  return [
    '# Aura Work diagnostics',
    line('generated', generatedAt.toISOString()),
    line('app.name', app.name),
    line('app.version', app.version),
    line('app.host', app.host),
    line('uptimeSeconds', diagnostics.uptimeSeconds),
    line('runtime.node', runtime.node),
    line('runtime.electron', runtime.electron),
    line('runtime.chromium', runtime.chromium),
    line('runtime.sqlite', runtime.sqlite),
    line('runtime.platform', `${runtime.platform} ${runtime.arch}`),
    line('database.sizeBytes', database.sizeBytes),
    line('database.schemaVersion', database.schemaVersion),
    line('database.integrity', database.integrity),
    line('database.checkedAt', database.checkedAt),
    line('paths.home', paths.home),
    line('paths.database', paths.database),
    line('paths.logs', paths.logs),
    line('paths.backups', paths.backups),
    '',
    '# Recent log lines',
    ...diagnostics.recentLogs,
    '',
  ].join('\n');
}
