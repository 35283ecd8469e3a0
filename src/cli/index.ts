import { existsSync, readFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
// esbuild inlines the one field as a string: `--version` reads no file.
import { version } from '../../package.json';
import type { CliManifest } from './manifest';

/** The manifest beside the built CLI (dist/), or the built one when this runs from the sources (tests). */
function manifestPath(): string {
  const beside = join(__dirname, 'cli-manifest.json');
  return existsSync(beside) ? beside : join(__dirname, '..', '..', 'dist', 'cli-manifest.json');
}

/**
 * Runs one command line. `--version` is answered before anything loads; everything else is a call to the
 * host, described by the manifest the build derives from the contract. `stop` (Ctrl-C, SIGTERM) cancels a
 * followed task on the host; the exit code is then 130.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, err: (line: string) => void, stop?: AbortSignal, cwd = process.cwd()): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) return out(version), 0;
  const path = manifestPath();
  if (!existsSync(path)) return err('aura: the app is not built.\nHint: run `npm run build` first.'), 1;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as CliManifest;
  if (!argv.length || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h'))) {
    const { overallHelp } = await import('./help');
    return argv.length ? (out(overallHelp(manifest)), 0) : (err(overallHelp(manifest)), 2);
  }
  // The commands (and what they load) are a second file, evaluated only now; Node keeps the code it
  // compiles for them in its cache folder, so a command starts sooner from its second run.
  enableCompileCache();
  const { runCommandLine } = await import('./command-line');
  return runCommandLine(manifest, argv, { out, err, env, cwd, stop, distDir: dirname(path) });
}

if (require.main === module) {
  const stop = new AbortController();
  const onSignal = () => {
    // A second Ctrl-C does not wait for the task to be cancelled.
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  void runCli(process.argv.slice(2), process.env, (line) => console.log(line), (line) => console.error(line), stop.signal).then((code) => {
    process.exitCode = code;
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  });
}
